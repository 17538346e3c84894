package io.caravan.report;

import java.util.List;

/**
 * A table of a report: its caption, a header row and rows of cells already formatted as the command prints them.
 *
 * @param caption what the table holds
 * @param header  the column names
 * @param rows    the cells, one list per row, as many as the header
 */
public record Table(String caption, List<String> header, List<List<String>> rows) {

    public Table {
        header = List.copyOf(header);
        rows = rows.stream().map(List::copyOf).toList();
        for (List<String> row : rows) {
            if (row.size() != header.size()) {
                throw new IllegalArgumentException("a row of " + row.size() + " cells under a header of "
                        + header.size() + ": " + row);
            }
        }
    }
}
