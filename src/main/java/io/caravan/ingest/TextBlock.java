package io.caravan.ingest;

import java.util.List;
import java.util.Objects;

/**
 * One structural unit of a parsed document: a heading or a paragraph, with where it sits.
 *
 * @param kind    whether the block is a heading, body text or a table row
 * @param text    the block's text, whitespace-normalised, never blank
 * @param section the heading path above the block, outermost first (empty when none); a heading's path includes itself
 * @param page    1-based page number when the format has pages, else {@code null}
 */
public record TextBlock(Kind kind, String text, List<String> section, Integer page) {
    /**
     * Block kinds the chunker treats differently: a table row, {@code Header: value | ...}, is kept whole and joins
     * the row before it on the next line (docs/architecture.md#tables).
     */
    public enum Kind { HEADING, PARAGRAPH, TABLE_ROW }

    public TextBlock {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
        section = List.copyOf(section);
    }

    /** The section path as one string, {@code "A > B"}, or empty. */
    public String sectionPath() {
        return String.join(" > ", section);
    }
}
