package dev.carepath.dmn;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.operaton.bpm.dmn.engine.DmnDecision;
import org.operaton.bpm.dmn.engine.DmnEngine;
import org.operaton.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationEvent;
import org.operaton.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationListener;
import org.operaton.bpm.dmn.engine.delegate.DmnEvaluatedDecisionRule;

/**
 * Evaluates decision tables with the Operaton DMN engine (FEEL, as the process engine does) and reports which
 * rules matched, as the engine itself saw them. Thread-safe: one instance serves concurrent evaluations.
 *
 * <p>FEEL is the JVM's shared, caching engine ({@link FeelEngines}); a compiled decision is kept by decision key and
 * the file's checksum, so compiling the same table again (every golden run of the deployment gate) parses nothing.
 */
public final class DecisionEvaluator {

    /** One evaluation: the result rows (output name → value) and the ids of the rules that produced them. */
    public record Evaluation(List<Map<String, Object>> results, List<String> matchedRuleIds) {
    }

    private final ThreadLocal<List<String>> matchedRules = ThreadLocal.withInitial(ArrayList::new);

    /** Compiled decisions kept, at most; past that the cache starts again from empty. */
    static final int MAX_COMPILED = 256;

    private final DmnEngine engine;
    private final Map<String, DmnDecision> compiled = new ConcurrentHashMap<>();

    public DecisionEvaluator() {
        DmnDecisionTableEvaluationListener recordMatchedRules = (DmnDecisionTableEvaluationEvent event) -> {
            List<String> matched = matchedRules.get();
            matched.clear();
            event.getMatchingRules().stream().map(DmnEvaluatedDecisionRule::getId).forEach(matched::add);
        };
        this.engine = FeelEngines.dmnEngineConfiguration()
                .customPostDecisionTableEvaluationListeners(List.of(recordMatchedRules))
                .buildEngine();
    }

    /**
     * Turns the table's decision into an executable one.
     *
     * @throws InvalidDecisionTableException when the engine refuses it (no decision with that id, or a table the
     *                                       engine cannot read, e.g. an unknown hit policy)
     */
    public DmnDecision compile(DecisionTable table, String decisionKey) {
        String cacheKey = decisionKey + "@" + table.checksum();
        DmnDecision decision = compiled.get(cacheKey);
        if (decision != null) {
            return decision;
        }
        try {
            decision = engine.parseDecision(decisionKey, new ByteArrayInputStream(table.xml()));
        } catch (RuntimeException e) {
            throw new InvalidDecisionTableException("The DMN engine cannot read decision '" + decisionKey
                    + "' of this file.", e);
        }
        if (compiled.size() >= MAX_COMPILED) {
            compiled.clear();
        }
        compiled.put(cacheKey, decision);
        return decision;
    }

    /**
     * Evaluates {@code decision} with {@code variables} (already typed as the table declares its inputs).
     *
     * @throws RuntimeException whatever the engine throws, e.g. a UNIQUE table where two rules match
     */
    public Evaluation evaluate(DmnDecision decision, Map<String, Object> variables) {
        List<String> matched = matchedRules.get();
        matched.clear();
        try {
            List<Map<String, Object>> results = engine.evaluateDecisionTable(decision, variables).getResultList();
            return new Evaluation(List.copyOf(results), List.copyOf(matched));
        } finally {
            matched.clear();
        }
    }
}
