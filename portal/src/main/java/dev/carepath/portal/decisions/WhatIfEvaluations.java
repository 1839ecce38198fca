package dev.carepath.portal.decisions;

import dev.carepath.connectors.partner.PartnerRejectedException;
import dev.carepath.connectors.partner.PartnerUnavailableException;
import dev.carepath.connectors.pricing.PharmacyPriceFacts;
import dev.carepath.dmn.DecisionEvaluator;
import dev.carepath.dmn.DecisionTable;
import dev.carepath.portal.web.Problems;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.operaton.bpm.dmn.engine.DmnDecision;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * What-if evaluation for staff: the version of a decision in force in the engine (the latest, which is what the
 * next business rule task evaluates; docs/adr/0004-decision-tables-edited-without-a-redeploy.md), its XML read
 * from the engine REST API and evaluated with the same DMN engine, so the matched rules are reported as the engine saw them. Compiled versions are cached by
 * decision definition id (a version never changes). A table that takes the pharmacies' prices (pharmacy routing) gets
 * them as the journey does, from the pharmacies' price lists for the given {@code stateCode} and {@code therapy}
 * ({@link PharmacyPriceFacts}, cached for {@code carepath.partners.price-lists.ttl}), unless the caller gives them;
 * the answer shows every input it was evaluated with, so it says which partner, at what price, and by which rule.
 * Public: the MCP server's {@code check_eligibility} asks the same
 * question of the eligibility table, and gets the same answers and problems as {@code POST
 * /v1/admin/decisions/{key}/evaluations}.
 */
@Service
public class WhatIfEvaluations {

    private static final int CACHED_VERSIONS = 64;

    /** A matched rule: its id and its annotation (where the rule comes from). */
    public record MatchedRule(String id, String annotation) {
    }

    /**
     * The answer: which version answered, its outputs (one map per result), the rules that matched, and the inputs
     * it was evaluated with (the caller's, and the prices quoted for it; null where none was given).
     */
    public record Answer(String decisionKey, int version, String decisionDefinitionId,
            List<Map<String, Object>> results, List<MatchedRule> matchedRules, Map<String, Object> inputs) {
    }

    private record Compiled(DecisionTable table, DmnDecision decision) {
    }

    private final EngineDecisions engine;
    private final DecisionEvaluator evaluator;
    private final PharmacyPriceFacts prices;
    private final Map<String, Compiled> compiled = new ConcurrentHashMap<>();

    WhatIfEvaluations(EngineDecisions engine, DecisionEvaluator evaluator, PharmacyPriceFacts prices) {
        this.engine = engine;
        this.evaluator = evaluator;
        this.prices = prices;
    }

    /**
     * Evaluates the version in force of decision {@code key} with {@code inputs} (missing inputs are null).
     *
     * @throws org.springframework.web.ErrorResponseException 404 {@code not-found} when the product ships no such
     *         decision or the engine has no version of it; 400 {@code validation} listing each input that is unknown
     *         or of the wrong type; 503 {@code engine-unavailable} when the engine cannot be reached, 503
     *         {@code service-unavailable} when a price list the table needs cannot be read
     */
    public Answer evaluate(String key, Map<String, Object> inputs) {
        try {
            DecisionDeployments.ShippedDecision.of(key);
            EngineDecisions.Version version = engine.latest(key)
                    .orElseThrow(DecisionDeployments.UnknownDecisionException::new);
            return evaluate(compiled(version), version, inputs);
        } catch (DecisionDeployments.UnknownDecisionException e) {
            throw Problems.notFound("No decision table has this key.");
        } catch (EngineDecisions.UnavailableException e) {
            throw Problems.exception(HttpStatus.SERVICE_UNAVAILABLE, Problems.ENGINE_UNAVAILABLE, "Engine unavailable",
                    "The process engine could not be reached; nothing was evaluated. Retry later.");
        }
    }

    private Answer evaluate(Compiled current, EngineDecisions.Version version, Map<String, Object> inputs) {
        Map<String, Object> variables = variables(current.table(), inputs);
        quotePrices(current.table(), variables);
        DecisionEvaluator.Evaluation evaluation = evaluator.evaluate(current.decision(), variables);
        List<MatchedRule> matched = evaluation.matchedRuleIds().stream()
                .map(id -> new MatchedRule(id, current.table().annotations().getOrDefault(id, "")))
                .toList();
        Map<String, Object> evaluated = new LinkedHashMap<>();
        current.table().inputTypes().keySet().forEach(name -> evaluated.put(name, variables.get(name)));
        return new Answer(version.key(), version.version(), version.decisionDefinitionId(), evaluation.results(),
                matched, evaluated);
    }

    /**
     * Fills the price inputs the table takes and the caller left out with the pharmacies' prices for the state and
     * therapy given, as {@code quote-pharmacy-prices} does before the journey's routing. Without a state and a
     * therapy there is nothing to quote: the prices stay null.
     */
    private void quotePrices(DecisionTable table, Map<String, Object> variables) {
        List<String> missing = prices.inputNames().stream()
                .filter(name -> table.inputTypes().containsKey(name) && variables.get(name) == null).toList();
        if (missing.isEmpty() || !(variables.get("stateCode") instanceof String stateCode)
                || !(variables.get("therapy") instanceof String therapy)) {
            return;
        }
        Map<String, Object> quoted;
        try {
            quoted = prices.inputs(stateCode, therapy);
        } catch (PartnerUnavailableException | PartnerRejectedException e) {
            throw Problems.exception(HttpStatus.SERVICE_UNAVAILABLE, Problems.SERVICE_UNAVAILABLE,
                    "Price lists unavailable", "A pharmacy's price list could not be read; nothing was evaluated."
                            + " Give the prices as inputs, or retry later.");
        }
        missing.forEach(name -> variables.put(name, quoted.get(name)));
    }

    private Compiled compiled(EngineDecisions.Version version) {
        Compiled found = compiled.get(version.decisionDefinitionId());
        if (found != null) {
            return found;
        }
        DecisionTable table = DecisionTable.parse(engine.xml(version.decisionDefinitionId())
                .getBytes(StandardCharsets.UTF_8));
        Compiled fresh = new Compiled(table, evaluator.compile(table, version.key()));
        if (compiled.size() >= CACHED_VERSIONS) {
            compiled.clear();
        }
        compiled.put(version.decisionDefinitionId(), fresh);
        return fresh;
    }

    private static Map<String, Object> variables(DecisionTable table, Map<String, Object> inputs) {
        List<Problems.FieldError> errors = new ArrayList<>();
        Map<String, Object> variables = new HashMap<>();
        table.inputTypes().keySet().forEach(name -> variables.put(name, null));
        for (var input : inputs.entrySet()) {
            if (!table.inputTypes().containsKey(input.getKey())) {
                errors.add(new Problems.FieldError(input.getKey(), "not an input of this decision; its inputs are "
                        + String.join(", ", table.inputTypes().keySet())));
                continue;
            }
            if (input.getValue() instanceof Map<?, ?> || input.getValue() instanceof List<?>) {
                errors.add(new Problems.FieldError(input.getKey(), "must be a single value"));
                continue;
            }
            try {
                variables.put(input.getKey(), table.typedInput(input.getKey(), input.getValue()));
            } catch (IllegalArgumentException e) {
                errors.add(new Problems.FieldError(input.getKey(),
                        "must be of type " + table.inputTypes().get(input.getKey())));
            }
        }
        if (!errors.isEmpty()) {
            throw Problems.validation(errors.stream().sorted(Comparator.comparing(Problems.FieldError::field)).toList());
        }
        return variables;
    }
}
