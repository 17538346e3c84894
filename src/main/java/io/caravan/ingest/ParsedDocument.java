package io.caravan.ingest;

import java.util.List;

/**
 * The text of a document in reading order, split into structural blocks.
 *
 * @param title    the document's title (metadata title, first heading, or file name)
 * @param mimeType the detected media type
 * @param blocks   headings and paragraphs in reading order
 */
public record ParsedDocument(String title, String mimeType, List<TextBlock> blocks) {
    public ParsedDocument {
        blocks = List.copyOf(blocks);
    }

    /** Total characters of text across blocks. */
    public int length() {
        return blocks.stream().mapToInt(b -> b.text().length()).sum();
    }
}
