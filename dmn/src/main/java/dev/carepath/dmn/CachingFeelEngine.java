package dev.carepath.dmn;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.camunda.feel.api.EvaluationResult;
import org.camunda.feel.api.ParseResult;
import org.camunda.feel.context.CustomContext;
import org.camunda.feel.context.VariableProvider;
import org.camunda.feel.syntaxtree.ParsedExpression;
import org.operaton.bpm.dmn.feel.impl.scala.ContextVariableWrapper;
import org.operaton.bpm.dmn.feel.impl.scala.ScalaFeelEngine;
import org.operaton.bpm.engine.variable.context.VariableContext;
import camundajar.impl.scala.runtime.BoxesRunTime;

/**
 * Operaton's FEEL engine with its parsed expressions kept: {@link ScalaFeelEngine} parses the text of every input
 * expression, input entry and output entry again on each evaluation, which is most of the time a decision table
 * takes (the JFR profile in dmn/README.md). This one parses each distinct text once and evaluates the parsed form
 * with the same value mappers, the same variable resolution and the same error messages.
 *
 * <p>Thread-safe: parsed expressions are immutable. The caches are keyed by the expression's text alone (its
 * meaning does not depend on the table it sits in); they are bounded because the portal can deploy new table
 * versions at run time: past {@value #MAX_CACHED} texts of a kind the cache starts again from empty.
 */
final class CachingFeelEngine extends ScalaFeelEngine {

    static final int MAX_CACHED = 10_000;

    private final Map<String, ParsedExpression> expressions = new ConcurrentHashMap<>();
    private final Map<String, ParsedExpression> unaryTests = new ConcurrentHashMap<>();
    /** Entries and expressions of the plain literal forms, answered without the interpreter ({@link LiteralFeel}). */
    private final Map<String, Optional<LiteralFeel.UnaryTest>> literalTests = new BoundedMap<>();
    private final Map<String, Optional<Object>> literals = new BoundedMap<>();

    CachingFeelEngine() {
        super(List.of());
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T evaluateSimpleExpression(String expression, VariableContext variableContext) {
        Optional<Object> literal = literals.computeIfAbsent(expression, LiteralFeel::literal);
        if (literal.isPresent()) {
            return (T) literal.get();
        }
        if (LiteralFeel.isName(expression) && variableContext != null
                && variableContext.containsVariable(expression.trim())) {
            Object value = LiteralFeel.asFeelGivesIt(variableContext.resolve(expression.trim()).getValue());
            if (value != null) {
                return (T) value;
            }
        }
        ParsedExpression parsed = parsed(expressions, expression, feelEngineApi::parseExpression);
        if (parsed == null) {
            return super.evaluateSimpleExpression(expression, variableContext); // reports the parse failure
        }
        CustomContext context = new CustomContext() {
            @Override
            public VariableProvider variableProvider() {
                return new ContextVariableWrapper(variableContext);
            }
        };
        return result(feelEngineApi.evaluate(parsed, context));
    }

    @Override
    public boolean evaluateSimpleUnaryTests(String expression, String inputName, VariableContext variableContext) {
        Object input = inputName != null && variableContext != null && variableContext.containsVariable(inputName)
                ? variableContext.resolve(inputName).getValue() : null;
        Optional<LiteralFeel.UnaryTest> literal = literalTests.computeIfAbsent(expression, LiteralFeel::unaryTest);
        if (literal.isPresent()) {
            Boolean answer = literal.get().test(input);
            if (answer != null) {
                return answer;
            }
        }
        ParsedExpression parsed = parsed(unaryTests, expression, feelEngineApi::parseUnaryTests);
        if (parsed == null) {
            return super.evaluateSimpleUnaryTests(expression, inputName, variableContext); // reports the failure
        }
        CustomContext context = new CustomContext() {
            @Override
            public VariableProvider variableProvider() {
                return new ContextVariableWrapper(variableContext); // ScalaFeelEngine wraps it in a one-element composite
            }
        };
        Object result = result(feelEngineApi.evaluateWithInput(parsed, input, context));
        return BoxesRunTime.unboxToBoolean(result); // as ScalaFeelEngine: null is false
    }

    /** A concurrent map that starts again from empty past {@value #MAX_CACHED} entries, as the parse caches. */
    private static final class BoundedMap<V> extends ConcurrentHashMap<String, V> {
        @Override
        public V computeIfAbsent(String key, Function<? super String, ? extends V> compute) {
            V value = get(key);
            if (value != null) {
                return value;
            }
            if (size() >= MAX_CACHED) {
                clear();
            }
            return super.computeIfAbsent(key, compute);
        }
    }

    /** How many parsed texts are kept (expressions and unary tests). */
    int cachedCount() {
        return expressions.size() + unaryTests.size();
    }

    /** The parsed text from the cache or the parser; null when it does not parse (nothing is cached then). */
    private static ParsedExpression parsed(Map<String, ParsedExpression> cache, String text,
            Function<String, ParseResult> parser) {
        ParsedExpression parsed = cache.get(text);
        if (parsed != null) {
            return parsed;
        }
        ParseResult result = parser.apply(text);
        if (result.isFailure()) {
            return null;
        }
        if (cache.size() >= MAX_CACHED) {
            cache.clear();
        }
        cache.put(text, result.parsedExpression());
        return result.parsedExpression();
    }

    @SuppressWarnings("unchecked")
    private static <T> T result(EvaluationResult evaluation) {
        if (evaluation.isSuccess()) {
            return (T) evaluation.result();
        }
        throw LOGGER.evaluationException(evaluation.failure().message());
    }
}
