package dev.carepath.dmn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.dmn.feel.impl.scala.ScalaFeelEngine;
import org.operaton.bpm.engine.variable.Variables;

/**
 * The literal fast path means what FEEL means: every entry text of the four shipped tables, against Operaton's own
 * FEEL engine, for inputs of every kind the tables see (and some they should not).
 */
class LiteralFeelTest {

    private final ScalaFeelEngine feel = new ScalaFeelEngine(List.of());

    @Test
    void everyInputEntryOfTheShippedTablesAnswersAsFeelDoesWhereverItAnswers() throws IOException {
        List<Object> inputs = new ArrayList<>(Arrays.asList("TX", "LA", "CA", "semaglutide", "tirzepatide",
                "testosterone-cypionate", "standard", "pregnancy", "", true, false, 1, 2, 4, 6, 7L, 2.4, 4.0, 33.5,
                new BigDecimal("4.00"), -1));
        int answered = 0;
        for (String text : entryTexts("inputEntry")) {
            var test = LiteralFeel.unaryTest(text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\""));
            if (test.isEmpty()) {
                continue;
            }
            for (Object input : inputs) {
                Boolean fast = test.get().test(input);
                if (fast != null) {
                    answered++;
                    boolean slow = feel.evaluateSimpleUnaryTests(text, "cellInput",
                            Variables.createVariables().putValue("cellInput", input).asVariableContext());
                    assertThat(fast).as("%s with input %s (%s)", text, input, input.getClass().getSimpleName())
                            .isEqualTo(slow);
                }
            }
            assertThat(test.get().test(null)).as("null input is FEEL's to judge").isNull();
        }
        assertThat(answered).as("the fast path covers the tables' literal entries").isGreaterThan(100);
    }

    @Test
    void everyLiteralOutputEntryIsTheValueAndTypeFeelGives() throws IOException {
        int literals = 0;
        for (String text : entryTexts("outputEntry")) {
            var fast = LiteralFeel.literal(text);
            if (fast.isPresent()) {
                literals++;
                Object slow = feel.evaluateSimpleExpression(text, Variables.createVariables().asVariableContext());
                assertThat(fast.get()).as(text).isEqualTo(slow).hasSameClassAs(slow);
            }
        }
        assertThat(literals).isGreaterThan(10);
    }

    @Test
    void comparisonsAndIntervalsAnswerAsFeelDoes() {
        List<String> tests = List.of("< 18", "<= 18", "> 18", ">= 30", "[27..30[", "]27..30]", "[1..5]", "]1..5[");
        List<Object> inputs = List.of(17, 18, 19L, 26.9, 27, 27.0, 29.99, 30, 30.0, 1, 5, new BigDecimal("5.00"), -3);
        for (String text : tests) {
            for (Object input : inputs) {
                boolean slow = feel.evaluateSimpleUnaryTests(text, "cellInput",
                        Variables.createVariables().putValue("cellInput", input).asVariableContext());
                assertThat(LiteralFeel.unaryTest(text).orElseThrow().test(input)).as("%s with %s", text, input)
                        .isEqualTo(slow);
            }
        }
    }

    @Test
    void aVariableNameGivesWhatFeelGives() {
        for (Object value : List.of("TX", true, 42, 42L, 33.5, 33.0, (short) 3, new BigDecimal("2.50"))) {
            var context = Variables.createVariables().putValue("age", value).asVariableContext();
            Object slow = feel.evaluateSimpleExpression("age", context);
            assertThat(LiteralFeel.asFeelGivesIt(value)).as("%s (%s)", value, value.getClass().getSimpleName())
                    .isEqualTo(slow).hasSameClassAs(slow);
        }
    }

    @Test
    void formsOtherThanLiteralListsAreLeftToFeel() {
        assertThat(LiteralFeel.unaryTest("< age")).isEmpty();
        assertThat(LiteralFeel.unaryTest("[18..65], 70")).isEmpty();
        assertThat(LiteralFeel.unaryTest("date(\"2020-01-01\")")).isEmpty();
        assertThat(LiteralFeel.unaryTest("-")).isEmpty();
        assertThat(LiteralFeel.unaryTest("\"a\", 1")).as("mixed kinds").isEmpty();
        assertThat(LiteralFeel.unaryTest("\"a\\\"b\"")).as("an escape").isEmpty();
        assertThat(LiteralFeel.unaryTest("\"a,b\",\"c\"").orElseThrow().test("a,b")).isTrue();
        assertThat(LiteralFeel.unaryTest("\"TX\"").orElseThrow().test(4)).as("another kind: FEEL judges").isNull();
        assertThat(LiteralFeel.isName("therapy")).isTrue();
        assertThat(LiteralFeel.isName("age + 1")).isFalse();
    }

    private static Set<String> entryTexts(String element) throws IOException {
        Set<String> texts = new LinkedHashSet<>();
        Pattern entry = Pattern.compile("<" + element + "[^>]*>\\s*<text>(.*?)</text>", Pattern.DOTALL);
        for (String table : List.of("eligibility", "provider-routing", "pharmacy-routing", "titration")) {
            try (InputStream in = LiteralFeelTest.class.getClassLoader().getResourceAsStream("dmn/" + table + ".dmn")) {
                Matcher matcher = entry.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                while (matcher.find()) {
                    texts.add(matcher.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\""));
                }
            }
        }
        return texts;
    }
}
