package io.caravan.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The figures of one bench run: a table for people, then exactly one JSON line for scripts. Not thread safe;
 * filled by one thread.
 */
public final class BenchReport {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final List<String[]> rows = new ArrayList<>();
    private final Map<String, Object> json = new LinkedHashMap<>();
    private final List<Figure> figures = new ArrayList<>();
    private String section = "";

    /** Starts a titled group of rows. */
    public BenchReport section(String title) {
        rows.add(new String[] {title});
        section = title;
        return this;
    }

    /** A measured figure, shown with its unit and written under {@code jsonKey}, rounded to 3 decimals. */
    public BenchReport figure(String label, String jsonKey, double value, String unit) {
        double rounded = Math.round(value * 1000.0) / 1000.0;
        rows.add(new String[] {label, String.format(Locale.ROOT, "%,.2f %s", value, unit)});
        json.put(jsonKey, rounded);
        figures.add(new Figure(section, label.strip(), jsonKey, rounded, unit));
        return this;
    }

    /** A count, shown and written under {@code jsonKey}. */
    public BenchReport count(String label, String jsonKey, long value) {
        rows.add(new String[] {label, String.format(Locale.ROOT, "%,d", value)});
        json.put(jsonKey, value);
        figures.add(new Figure(section, label.strip(), jsonKey, value, ""));
        return this;
    }

    /** A line of the table only. */
    public BenchReport note(String label, String text) {
        rows.add(new String[] {label, text});
        return this;
    }

    /** A table of aligned columns, the first row its header; shown only, as its figures go to {@link #json}. */
    public BenchReport table(List<List<String>> table) {
        int[] widths = new int[table.get(0).size()];
        for (List<String> row : table) {
            for (int c = 0; c < row.size(); c++) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        for (List<String> row : table) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < row.size(); c++) {
                // the first column is a label, the others figures: left and right aligned
                String format = c == 0 ? "%-" + widths[c] + "s" : "  %" + widths[c] + "s";
                line.append(String.format(Locale.ROOT, format, row.get(c)));
            }
            rows.add(new String[] {null, null, line.toString()});
        }
        return this;
    }

    /** A value of any shape (a list of objects, say) written under {@code jsonKey} only. */
    public BenchReport json(String jsonKey, Object value) {
        json.put(jsonKey, value);
        return this;
    }

    /** The value written under {@code jsonKey}, or {@code null}. */
    public Object value(String jsonKey) {
        return json.get(jsonKey);
    }

    /** The figures of the JSON line, in order, each with its section, label and unit; not the {@link #json} values. */
    public List<Figure> figures() {
        return List.copyOf(figures);
    }

    /** Prints the table, then the JSON object as the last line. */
    public void print(PrintStream out) {
        out.print(text());
    }

    /** What {@link #print} prints. */
    public String text() {
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text);
        int width = rows.stream().filter(r -> r.length == 2).mapToInt(r -> r[0].length()).max().orElse(0);
        for (String[] row : rows) {
            if (row.length == 1) {
                out.println();
                out.println("== " + row[0]);
            } else if (row.length == 3) {
                out.println("  " + row[2]);
            } else {
                out.printf("  %-" + width + "s  %s%n", row[0], row[1]);
            }
        }
        out.println();
        out.println(toJson());
        out.flush();
        return text.toString();
    }

    /**
     * A figure of the JSON line as the table shows it.
     *
     * @param section the title of the section it is printed under ({@code ""} before the first)
     * @param label   what it is
     * @param key     its key in the JSON line
     * @param value   its value in the JSON line (rounded to 3 decimals)
     * @param unit    its unit, or {@code ""}
     */
    public record Figure(String section, String label, String key, double value, String unit) {
    }

    /** The figures as one line of JSON. */
    public String toJson() {
        try {
            return MAPPER.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
