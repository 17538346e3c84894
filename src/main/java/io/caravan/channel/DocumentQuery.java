package io.caravan.channel;

import io.caravan.ingest.DocumentRecord;
import io.caravan.ingest.DocumentStatus;

import java.util.Locale;

/**
 * Which page of the document listing a caller asks for, and which documents it is over
 * (docs/http-api.md#documents): checked when read, so a bad parameter is a 400 before the ledger is walked.
 *
 * @param status only documents in this status, or {@code null} for all
 * @param text   lower-cased substring the docId must contain, or {@code null} for all
 * @param page   1-based page number
 * @param size   documents per page, 1 to {@link #MAX_SIZE}
 */
public record DocumentQuery(DocumentStatus status, String text, int page, int size) {

    /** Page size without {@code size=}. */
    public static final int DEFAULT_SIZE = 50;
    /** The largest page: a listing of 100,000 documents in one reply is not an option. */
    public static final int MAX_SIZE = 500;
    /** The first page of everything. */
    public static final DocumentQuery FIRST_PAGE = new DocumentQuery(null, null, 1, DEFAULT_SIZE);

    public DocumentQuery {
        if (page < 1) {
            throw ApiException.badRequest("page must be 1 or more, not " + page);
        }
        if (size < 1 || size > MAX_SIZE) {
            throw ApiException.badRequest("size must be between 1 and " + MAX_SIZE + ", not " + size);
        }
        text = text == null || text.isBlank() ? null : text.strip().toLowerCase(Locale.ROOT);
    }

    /**
     * The query of {@code GET /api/documents?status=&q=&page=&size=}; an absent or blank parameter takes its default.
     *
     * @throws ApiException 400 for an unknown status or a page or size that is not a number in range
     */
    public static DocumentQuery read(String status, String q, String page, String size) {
        return new DocumentQuery(status(status), q, number("page", page, 1), number("size", size, DEFAULT_SIZE));
    }

    /** Whether {@code record} is one this query is over (before paging). */
    public boolean matches(DocumentRecord record) {
        return (status == null || record.status() == status)
                && (text == null || record.docId().toLowerCase(Locale.ROOT).contains(text));
    }

    /** How many matching documents come before this page. */
    public long offset() {
        return (long) (page - 1) * size;
    }

    private static DocumentStatus status(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        for (DocumentStatus status : DocumentStatus.values()) {
            if (status.wireName().equals(value.strip().toLowerCase(Locale.ROOT))) {
                return status;
            }
        }
        throw ApiException.badRequest("status must be one of pending, indexed, failed, deleted, not \"" + value
                + "\"");
    }

    private static int number(String name, String value, int absent) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name + " must be a whole number, not \"" + value + "\"");
        }
    }
}
