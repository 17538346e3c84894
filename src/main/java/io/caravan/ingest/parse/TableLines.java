package io.caravan.ingest.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Writes a table's rows as lines that keep their header cells, {@code Region: North | Q3 revenue: 4.2 M}, so each
 * row says what its values are wherever the chunker puts it (docs/architecture.md#tables). Each line becomes one
 * block, and the chunker cuts only between blocks, so a table is split only at row boundaries and every piece still
 * carries its header.
 *
 * <p>The header is the first row when it is marked as header cells ({@code th}), or when the table has further rows
 * and every filled cell of the first row is a label rather than a value (a number, amount, date or percentage), as
 * in a spreadsheet or a Word table whose first row names the columns. Stateless and thread safe.
 */
final class TableLines {

    // values, not labels: 12000, 4.2 M, 3,5 %, $1.2, 2026-12-03, 12/03/26, -7
    private static final Pattern VALUE = Pattern.compile("[-+(]?[$€£¥]?\\s*[\\d][\\d\\s.,:/'-]*\\s*(%|[kKmMbB]|bn)?\\)?");

    private TableLines() {
    }

    /**
     * The lines of a table.
     *
     * @param rows       its rows' cells, whitespace-normalised, in order
     * @param headerRows for each row, whether all its cells were marked as header cells
     */
    static List<String> of(List<List<String>> rows, List<Boolean> headerRows) {
        List<List<String>> filled = new ArrayList<>();
        List<Boolean> marked = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).stream().anyMatch(cell -> !cell.isBlank())) {
                filled.add(rows.get(i));
                marked.add(headerRows.get(i));
            }
        }
        if (filled.isEmpty()) {
            return List.of();
        }
        List<String> header = isHeader(filled, marked) ? filled.get(0) : null;
        List<String> lines = new ArrayList<>();
        for (int i = header == null ? 0 : 1; i < filled.size(); i++) {
            List<String> row = filled.get(i);
            // a long table repeats its header row on every printed page: once is enough
            if (!row.equals(header)) {
                lines.add(line(header, row));
            }
        }
        if (lines.isEmpty()) {
            lines.add(String.join(" | ", nonBlank(filled.get(0))));
        }
        return lines;
    }

    private static boolean isHeader(List<List<String>> rows, List<Boolean> marked) {
        if (marked.get(0)) {
            return true;
        }
        if (rows.size() < 2) {
            return false;
        }
        List<String> first = nonBlank(rows.get(0));
        return !first.isEmpty() && first.stream().noneMatch(cell -> VALUE.matcher(cell).matches());
    }

    private static String line(List<String> header, List<String> row) {
        List<String> parts = new ArrayList<>();
        for (int c = 0; c < row.size(); c++) {
            String value = row.get(c);
            if (value.isBlank()) {
                continue;
            }
            String name = header != null && c < header.size() ? header.get(c) : "";
            parts.add(name.isBlank() ? value : name + ": " + value);
        }
        return String.join(" | ", parts);
    }

    private static List<String> nonBlank(List<String> cells) {
        return cells.stream().filter(cell -> !cell.isBlank()).toList();
    }
}
