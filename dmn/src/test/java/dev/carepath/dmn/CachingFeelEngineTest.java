package dev.carepath.dmn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.dmn.feel.impl.FeelException;
import org.operaton.bpm.dmn.feel.impl.scala.ScalaFeelEngine;
import org.operaton.bpm.engine.variable.Variables;
import org.operaton.bpm.engine.variable.context.VariableContext;

/** The caching FEEL engine answers exactly as Operaton's own, and parses each distinct text once. */
class CachingFeelEngineTest {

    private final ScalaFeelEngine operaton = new ScalaFeelEngine(List.of());
    private final CachingFeelEngine caching = new CachingFeelEngine();

    /** Unary tests of the shipped tables' kinds: lists, negation, ranges, comparisons, empty, null input. */
    private static final List<String> UNARY_TESTS = List.of("\"NY\",\"NJ\"", "not(\"CA\",\"TX\")", "[18..65]", ">= 30",
            "< 27.5", "", "-", "true", "null", "1,2,3", "\"semaglutide\"");

    private static final List<Object> INPUTS = java.util.Arrays.asList("NY", "TX", "CA", 18, 65, 70, 30.0, 27.4, true,
            null, 2, "semaglutide");

    @Test
    void unaryTestsMatchWhatOperatonsEngineSays() {
        for (String test : UNARY_TESTS) {
            for (Object input : INPUTS) {
                VariableContext context = context(input);
                boolean expected;
                try {
                    expected = operaton.evaluateSimpleUnaryTests(test, "x", context);
                } catch (FeelException e) {
                    assertThatThrownBy(() -> caching.evaluateSimpleUnaryTests(test, "x", context))
                            .as("%s with %s", test, input).isInstanceOf(FeelException.class)
                            .hasMessage(e.getMessage());
                    continue;
                }
                assertThat(caching.evaluateSimpleUnaryTests(test, "x", context)).as("%s with %s", test, input)
                        .isEqualTo(expected);
                assertThat(caching.evaluateSimpleUnaryTests(test, "x", context)).as("%s again", test)
                        .isEqualTo(expected);
            }
        }
    }

    @Test
    void expressionsMatchWhatOperatonsEngineSays() {
        for (String expression : List.of("x", "\"cedar-pharmacy\"", "x + 1", "12", "2.5", "null", "y")) {
            for (Object input : List.of(1, 4.5, 7L)) {
                VariableContext context = context(input);
                Object expected = operaton.evaluateSimpleExpression(expression, context);
                assertThat((Object) caching.evaluateSimpleExpression(expression, context)).as("%s", expression)
                        .isEqualTo(expected);
            }
        }
    }

    @Test
    void aTextThatDoesNotParseFailsAsOperatonsEngineFailsAndIsNotKept() {
        String broken = "[1..";
        VariableContext context = context(1);
        FeelException expected = null;
        try {
            operaton.evaluateSimpleUnaryTests(broken, "x", context);
        } catch (FeelException e) {
            expected = e;
        }
        assertThat(expected).as("Operaton's engine refuses it").isNotNull();

        assertThatThrownBy(() -> caching.evaluateSimpleUnaryTests(broken, "x", context))
                .isInstanceOf(FeelException.class).hasMessage(expected.getMessage());
        assertThat(caching.cachedCount()).isZero();
    }

    @Test
    void eachDistinctTextIsParsedOnce() {
        for (int i = 0; i < 50; i++) {
            // forms LiteralFeel leaves to FEEL: a list of ranges, a disjunction of comparisons, arithmetic
            caching.evaluateSimpleUnaryTests("[1..10], 20", "x", context(5));
            caching.evaluateSimpleUnaryTests(">= 30, < 5", "x", context(31));
            caching.evaluateSimpleExpression("x + 1", context(i));
        }
        assertThat(caching.cachedCount()).isEqualTo(3);
    }

    private static VariableContext context(Object x) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("x", x);
        return Variables.fromMap(variables).asVariableContext();
    }
}
