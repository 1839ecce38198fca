package dev.carepath.dmn;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A golden-case file {@code golden/<decision>.csv} (format in dmn/golden/README.md): a header of input names, then
 * output names marked {@code =>}; one case per line; {@code #} lines are comments; an empty cell is null.
 */
public record GoldenCases(String decisionKey, List<String> inputNames, List<String> outputNames, List<Row> rows) {

    static final String OUTPUT_MARK = "=>";

    /** One case; {@code line} is its line number in the file, for failure messages. */
    public record Row(int line, List<String> inputs, List<String> expectedOutputs) {

        /** All expected outputs empty: the table must match no rule for these inputs. */
        public boolean expectsNoMatch() {
            return expectedOutputs.stream().allMatch(String::isEmpty);
        }

        @Override
        public String toString() {
            return "line " + line + ": " + String.join(", ", inputs) + " => " + String.join(", ", expectedOutputs);
        }
    }

    /** Reads the CSV text of {@code decisionKey}'s golden cases. */
    public static GoldenCases parse(String decisionKey, byte[] csv) {
        try {
            BufferedReader reader = new BufferedReader(new StringReader(new String(csv, StandardCharsets.UTF_8)));
            List<String> inputNames = new ArrayList<>();
            List<String> outputNames = new ArrayList<>();
            List<Row> rows = new ArrayList<>();
            boolean header = true;
            int lineNumber = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                List<String> cells = Arrays.stream(line.split(",", -1)).map(String::trim).toList();
                if (header) {
                    for (String cell : cells) {
                        if (cell.startsWith(OUTPUT_MARK)) {
                            outputNames.add(cell.substring(OUTPUT_MARK.length()));
                        } else if (outputNames.isEmpty()) {
                            inputNames.add(cell);
                        } else {
                            throw new IllegalStateException(decisionKey + ".csv: input column '" + cell + "' after an output");
                        }
                    }
                    header = false;
                    continue;
                }
                if (cells.size() != inputNames.size() + outputNames.size()) {
                    throw new IllegalStateException(decisionKey + ".csv line " + lineNumber + ": expected "
                        + (inputNames.size() + outputNames.size()) + " cells, found " + cells.size());
                }
                rows.add(new Row(lineNumber, cells.subList(0, inputNames.size()),
                    cells.subList(inputNames.size(), cells.size())));
            }
            return new GoldenCases(decisionKey, List.copyOf(inputNames), List.copyOf(outputNames), List.copyOf(rows));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
