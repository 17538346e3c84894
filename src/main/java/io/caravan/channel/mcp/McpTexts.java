package io.caravan.channel.mcp;

import io.caravan.answer.Answer;
import io.caravan.answer.Citation;

import java.util.Locale;

/**
 * The text content of the tools' results: what a model reads when it does not look at the structured content
 * (docs/mcp.md#tools). Pure.
 */
final class McpTexts {

    private McpTexts() {
    }

    /** A passage's label: {@code title — section, p. 3 (docId)}, leaving out what it lacks. */
    static String label(String title, String section, Integer page, String docId) {
        StringBuilder label = new StringBuilder(title == null || title.isBlank() ? docId : title);
        if (section != null && !section.isBlank()) {
            label.append(" — ").append(section);
        }
        if (page != null) {
            label.append(", p. ").append(page);
        }
        if (title != null && !title.isBlank()) {
            label.append(" (").append(docId).append(')');
        }
        return label.toString();
    }

    /** The answer with its {@code [n]} markers, then a "Sources:" list naming each cited passage. */
    static String answer(Answer answer) {
        StringBuilder text = new StringBuilder(answer.answer());
        if (!answer.citations().isEmpty()) {
            text.append("\n\nSources:");
            for (Citation c : answer.citations()) {
                text.append("\n[").append(c.n()).append("] ").append(label(c.title(), c.section(), c.page(),
                        c.docId()));
            }
        }
        return text.toString();
    }

    /** The document's status line, then its indexed text. */
    static String document(McpDocuments.DocumentText document) {
        var record = document.document();
        StringBuilder text = new StringBuilder(label(document.title(), null, null, record.docId()))
                .append("\nstatus: ").append(record.status().name().toLowerCase(Locale.ROOT))
                .append(", chunks: ").append(record.chunks())
                .append(", source: ").append(record.source())
                .append(", updated: ").append(record.updatedAt());
        if (record.error() != null) {
            text.append("\nerror: ").append(record.error());
        }
        if (!document.text().isEmpty()) {
            text.append("\n\n").append(document.text());
        }
        if (document.truncated()) {
            text.append("\n\n[truncated after ").append(McpDocuments.MAX_TEXT_CHARS).append(" characters]");
        }
        return text.toString();
    }
}
