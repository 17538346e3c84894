package io.caravan.ingest.parse;

import java.util.ArrayList;
import java.util.List;

/**
 * The cells of one table as Tika's XHTML walks through it ({@code tr}, {@code th}, {@code td}), with whitespace
 * normalised as text arrives. A table inside a cell is read as part of that cell's text. One instance per table;
 * not thread safe.
 */
final class TableCollector {

    private final List<List<String>> rows = new ArrayList<>();
    private final List<Boolean> headerRows = new ArrayList<>();
    private final StringBuilder cell = new StringBuilder();
    private List<String> row;
    private boolean rowAllHeaders;
    private boolean inCell;
    private boolean pendingSpace;
    private int nested;

    /** A {@code table} inside this one begins: its cells become text of the current cell. */
    void beginNested() {
        nested++;
        space();
    }

    /** Ends a table begun by {@link #beginNested()}; false when it is this table that ends. */
    boolean endNested() {
        if (nested == 0) {
            return false;
        }
        nested--;
        space();
        return true;
    }

    void startRow() {
        if (nested > 0) {
            space();
            return;
        }
        endRow();
        row = new ArrayList<>();
        rowAllHeaders = true;
    }

    void endRow() {
        if (nested > 0) {
            space();
            return;
        }
        endCell();
        if (row != null) {
            rows.add(row);
            headerRows.add(rowAllHeaders && !row.isEmpty());
            row = null;
        }
    }

    void startCell(boolean header) {
        if (nested > 0) {
            space();
            return;
        }
        endCell();
        if (row == null) {
            startRow();
        }
        rowAllHeaders &= header;
        inCell = true;
    }

    void endCell() {
        if (nested > 0) {
            space();
            return;
        }
        if (inCell) {
            row.add(cell.toString());
            cell.setLength(0);
            inCell = false;
            pendingSpace = false;
        }
    }

    /** Whitespace, or the edge of a block inside a cell (a paragraph of a Word cell). */
    void space() {
        pendingSpace = true;
    }

    /** Appends a non-whitespace character; returns the characters the cell's text grew by. */
    int append(char c) {
        if (!inCell) {
            // text between cells (Tika's tabs and newlines are whitespace; anything else is kept in a cell of its own)
            startCell(false);
        }
        int added = 1;
        if (pendingSpace && cell.length() > 0) {
            cell.append(' ');
            added++;
        }
        pendingSpace = false;
        cell.append(c);
        return added;
    }

    /** The table's lines, header cells kept in every row ({@link TableLines}). */
    List<String> lines() {
        endRow();
        return TableLines.of(rows, headerRows);
    }
}
