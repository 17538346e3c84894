package io.caravan.channel;

import io.caravan.answer.Question;

import java.util.Set;

/** Validates the parameters of {@code GET /api/search}. Thread safe. */
public class SearchQueries {

    private final int maxK;

    public SearchQueries(int maxK) {
        this.maxK = maxK;
    }

    /**
     * The search as a question: text, result count and caller.
     *
     * @throws ApiException 400 when {@code q} is missing or {@code k} is not a number in range
     */
    public Question read(String q, String k, String requestId, Set<String> groups) {
        if (q == null || q.isBlank()) {
            throw ApiException.badRequest("query parameter \"q\" is required");
        }
        int limit;
        try {
            limit = k == null || k.isBlank() ? 10 : Integer.parseInt(k.strip());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("query parameter \"k\" must be an integer, was \"" + k + "\"");
        }
        if (limit < 1 || limit > maxK) {
            throw ApiException.badRequest("query parameter \"k\" must be from 1 to " + maxK);
        }
        return new Question(requestId, q.strip(), null, null, limit, groups, "http");
    }
}
