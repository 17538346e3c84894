package io.caravan.eval;

import java.util.Objects;

/**
 * One document of a BEIR corpus ({@code corpus.jsonl}).
 *
 * @param id    the document id ({@code _id})
 * @param title the title, empty when there is none
 * @param text  the body text, empty when there is none
 */
public record CorpusRecord(String id, String title, String text) {
    public CorpusRecord {
        Objects.requireNonNull(id, "id");
        title = title == null ? "" : title;
        text = text == null ? "" : text;
    }

    /** The text that is indexed: the title, a blank line, the body (the title alone or the body alone if one is empty). */
    public String content() {
        if (title.isBlank()) {
            return text;
        }
        return text.isBlank() ? title : title + "\n\n" + text;
    }
}
