package dev.carepath.portal.decisions;

import dev.carepath.dmn.DecisionEvaluator;
import dev.carepath.dmn.DecisionTable;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.operaton.bpm.dmn.engine.DmnDecision;
import org.springframework.stereotype.Service;

/**
 * What-if evaluation for staff: the version of a decision in force in the engine (the latest, which is what the
 * next business rule task evaluates; docs/adr/0004-decision-tables-edited-without-a-redeploy.md), its XML read
 * from the engine REST API and evaluated with the same DMN engine, so the matched rules are reported as the engine saw them. Compiled versions are cached by
 * decision definition id (a version never changes).
 */
@Service
class WhatIfEvaluations {

    private static final int CACHED_VERSIONS = 64;

    /** A matched rule: its id and its annotation (where the rule comes from). */
    record MatchedRule(String id, String annotation) {
    }

    /** The answer: which version answered, its outputs (one map per result) and the rules that matched. */
    record Answer(String decisionKey, int version, String decisionDefinitionId, List<Map<String, Object>> results,
            List<MatchedRule> matchedRules) {
    }

    /** Some inputs are unknown to the decision or do not fit its input types. */
    static class InvalidInputsException extends RuntimeException {
        private final Map<String, String> errors;

        InvalidInputsException(Map<String, String> errors) {
            super(errors.size() + " invalid inputs");
            this.errors = Map.copyOf(errors);
        }

        Map<String, String> errors() {
            return errors;
        }
    }

    private record Compiled(DecisionTable table, DmnDecision decision) {
    }

    private final EngineDecisions engine;
    private final DecisionEvaluator evaluator;
    private final Map<String, Compiled> compiled = new ConcurrentHashMap<>();

    WhatIfEvaluations(EngineDecisions engine, DecisionEvaluator evaluator) {
        this.engine = engine;
        this.evaluator = evaluator;
    }

    /**
     * Evaluates the version in force of decision {@code key} with {@code inputs} (missing inputs are null).
     *
     * @throws DecisionDeployments.UnknownDecisionException when the product ships no such decision, or the engine
     *                                                      has no version of it
     * @throws InvalidInputsException                       when an input is unknown or of the wrong type
     */
    Answer evaluate(String key, Map<String, Object> inputs) {
        DecisionDeployments.ShippedDecision.of(key);
        EngineDecisions.Version version = engine.latest(key)
                .orElseThrow(DecisionDeployments.UnknownDecisionException::new);
        Compiled current = compiled(version);
        Map<String, Object> variables = variables(current.table(), inputs);
        DecisionEvaluator.Evaluation evaluation = evaluator.evaluate(current.decision(), variables);
        List<MatchedRule> matched = evaluation.matchedRuleIds().stream()
                .map(id -> new MatchedRule(id, current.table().annotations().getOrDefault(id, "")))
                .toList();
        return new Answer(key, version.version(), version.decisionDefinitionId(), evaluation.results(), matched);
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
        Map<String, String> errors = new HashMap<>();
        Map<String, Object> variables = new HashMap<>();
        table.inputTypes().keySet().forEach(name -> variables.put(name, null));
        for (var input : inputs.entrySet()) {
            if (!table.inputTypes().containsKey(input.getKey())) {
                errors.put(input.getKey(), "not an input of this decision; its inputs are "
                        + String.join(", ", table.inputTypes().keySet()));
                continue;
            }
            if (input.getValue() instanceof Map<?, ?> || input.getValue() instanceof List<?>) {
                errors.put(input.getKey(), "must be a single value");
                continue;
            }
            try {
                variables.put(input.getKey(), table.typedInput(input.getKey(), input.getValue()));
            } catch (IllegalArgumentException e) {
                errors.put(input.getKey(), "must be of type " + table.inputTypes().get(input.getKey()));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputsException(errors);
        }
        return variables;
    }
}
