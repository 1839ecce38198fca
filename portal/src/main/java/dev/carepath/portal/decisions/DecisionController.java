package dev.carepath.portal.decisions;

import dev.carepath.dmn.GoldenCaseRunner;
import dev.carepath.dmn.InvalidDecisionTableException;
import dev.carepath.portal.api.DecisionsApi;
import dev.carepath.portal.api.model.DecisionDeployedDto;
import dev.carepath.portal.api.model.MatchedRuleDto;
import dev.carepath.portal.api.model.WhatIfAnswerDto;
import dev.carepath.portal.web.Problems;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;

/**
 * Decision tables for staff (documented in portal/README.md).
 * <ul>
 *   <li>{@code POST /v1/admin/decisions/{key}}, body = the DMN file ({@code application/xml} or {@code text/xml}):
 *       201 with the deployed version; 422 {@code golden-cases-failed} with the failing rows; 422
 *       {@code decision-invalid} when it is not the decision the process needs (or the engine cannot use it); 400
 *       {@code malformed-request} when it is not a DMN 1.3 document; 404 for an unknown key; 503
 *       {@code engine-unavailable}. Only a 201 changed anything.</li>
 *   <li>{@code POST /v1/admin/decisions/{key}/evaluations}, body = a JSON object of inputs: 200 with the version in
 *       force, its outputs, the matched rules (id and annotation) and the inputs evaluated (for pharmacy routing,
 *       with the pharmacies' prices quoted from their price lists); 400 {@code validation} for unknown inputs or
 *       wrong types; 503 {@code service-unavailable} when a price list could not be read.</li>
 * </ul>
 */
@RestController
class DecisionController implements DecisionsApi {

    /** Who deployed, while staff authentication is not in place: no principal was authenticated. */
    static final String UNAUTHENTICATED = "unauthenticated";

    private final DecisionDeployments deployments;
    private final WhatIfEvaluations whatIf;

    DecisionController(DecisionDeployments deployments, WhatIfEvaluations whatIf) {
        this.deployments = deployments;
        this.whatIf = whatIf;
    }

    @Override
    public ResponseEntity<DecisionDeployedDto> deployDecision(String key, String body) {
        // The body is read as text in the converter's charset (UTF-8); the gate checks the file's bytes.
        byte[] dmn = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (dmn.length == 0) {
            throw Problems.malformed("The request body must be the DMN file.");
        }
        Authentication principal = SecurityContextHolder.getContext().getAuthentication();
        String who = principal == null || principal.getName() == null ? UNAUTHENTICATED : principal.getName();
        DecisionDeployments.Deployed deployed = deployments.deploy(key, dmn, who);
        return ResponseEntity.status(HttpStatus.CREATED).body(new DecisionDeployedDto(deployed.decisionKey(),
                deployed.version(), deployed.decisionDefinitionId(), deployed.checksum(), deployed.deployedBy(),
                deployed.goldenCasesPassed(), deployed.rulesNotReached()));
    }

    @Override
    @SuppressWarnings("unchecked")
    public ResponseEntity<WhatIfAnswerDto> evaluateDecision(String key, Map inputs) {
        WhatIfEvaluations.Answer answer = whatIf.evaluate(key, (Map<String, Object>) inputs);
        return ResponseEntity.ok(new WhatIfAnswerDto(answer.decisionKey(), answer.version(),
                answer.decisionDefinitionId(), answer.results(), answer.matchedRules().stream()
                        .map(rule -> new MatchedRuleDto(rule.id()).annotation(rule.annotation())).toList())
                .inputs(answer.inputs()));
    }

    @ExceptionHandler(DecisionDeployments.UnknownDecisionException.class)
    ErrorResponseException unknown() {
        return Problems.notFound("No decision table has this key.");
    }

    @ExceptionHandler(InvalidDecisionTableException.class)
    ErrorResponseException notDmn(InvalidDecisionTableException e) {
        return Problems.malformed(e.getMessage());
    }

    @ExceptionHandler(DecisionDeployments.InvalidTableException.class)
    ErrorResponseException invalid(DecisionDeployments.InvalidTableException e) {
        ProblemDetail problem = Problems.detail(HttpStatus.UNPROCESSABLE_ENTITY, Problems.DECISION_INVALID,
                "Not the decision the process needs",
                "The table was not deployed: " + e.problems().size() + " problem(s), see errors.");
        problem.setProperty("errors", e.problems());
        return new ErrorResponseException(HttpStatus.UNPROCESSABLE_ENTITY, problem, e);
    }

    @ExceptionHandler(EngineDecisions.RefusedException.class)
    ErrorResponseException refused(EngineDecisions.RefusedException e) {
        return Problems.exception(HttpStatus.UNPROCESSABLE_ENTITY, Problems.DECISION_INVALID,
                "Not the decision the process needs",
                "The engine cannot use this table (it passed the golden cases); nothing was deployed.");
    }

    @ExceptionHandler(DecisionDeployments.GoldenCasesFailedException.class)
    ErrorResponseException goldenCasesFailed(DecisionDeployments.GoldenCasesFailedException e) {
        GoldenCaseRunner.Report report = e.report();
        ProblemDetail problem = Problems.detail(HttpStatus.UNPROCESSABLE_ENTITY, Problems.GOLDEN_CASES_FAILED,
                "Golden cases failed",
                report.failures().size() + " of " + report.rowsRun() + " golden cases of dmn/golden/"
                        + report.decisionKey() + ".csv failed; nothing was deployed and the version in force stays.");
        problem.setProperty("goldenCasesRun", report.rowsRun());
        problem.setProperty("failures", report.failures().stream().map(failure -> Map.of(
                "line", failure.line(),
                "inputs", failure.inputs(),
                "expected", failure.expected(),
                "actual", failure.actual(),
                "reason", failure.reason())).toList());
        return new ErrorResponseException(HttpStatus.UNPROCESSABLE_ENTITY, problem, e);
    }

    @ExceptionHandler(EngineDecisions.UnavailableException.class)
    ErrorResponseException engineUnavailable() {
        return Problems.exception(HttpStatus.SERVICE_UNAVAILABLE, Problems.ENGINE_UNAVAILABLE, "Engine unavailable",
                "The process engine could not be reached; nothing was deployed. Retry later.");
    }
}
