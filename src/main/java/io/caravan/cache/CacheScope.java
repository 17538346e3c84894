package io.caravan.cache;

import io.caravan.answer.AnswerPreference;
import io.caravan.answer.Question;

import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Everything besides the question's words that an answer depends on: the caller's ACL groups (what it may see),
 * the filters, the top-k and the index generation (what there is to see). Two questions share a cached answer only
 * within one scope, so another group's answer or one from before a re-ingestion is never served. Immutable; a value
 * usable as a map key.
 *
 * @param groups     the caller's ACL groups, sorted
 * @param filters    the question's filters, sorted by field
 * @param topK       the question's top-k, or {@code null} for the default
 * @param generation the index generation when the question arrived
 * @param preference who may write the answer: an extractive answer never stands in for the LLM's, nor the reverse
 */
public record CacheScope(SortedSet<String> groups, SortedMap<String, String> filters, Integer topK, long generation,
                         AnswerPreference preference) {

    public CacheScope {
        groups = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(groups));
        filters = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(filters));
        preference = preference == null ? AnswerPreference.CONFIGURED : preference;
    }

    /** The scope of an answer written the configured way. */
    public CacheScope(SortedSet<String> groups, SortedMap<String, String> filters, Integer topK, long generation) {
        this(groups, filters, topK, generation, AnswerPreference.CONFIGURED);
    }

    /** The scope of {@code question} at index generation {@code generation}. */
    public static CacheScope of(Question question, long generation) {
        return new CacheScope(new TreeSet<>(question.groups()), new TreeMap<>(question.filters()), question.topK(),
                generation, question.preference());
    }

    /**
     * The exact-cache key of a normalised question in this scope. Every part is length-prefixed, so no group,
     * filter value or question text can be crafted to collide with another scope's key.
     */
    public String keyFor(String normalisedQuestion) {
        StringBuilder key = new StringBuilder(64 + normalisedQuestion.length());
        part(key, "g");
        groups.forEach(g -> part(key, g));
        part(key, "f");
        for (Map.Entry<String, String> filter : filters.entrySet()) {
            part(key, filter.getKey());
            part(key, filter.getValue());
        }
        part(key, "k");
        part(key, topK == null ? "" : topK.toString());
        part(key, "gen");
        part(key, Long.toString(generation));
        part(key, "m");
        part(key, preference.name());
        part(key, "q");
        part(key, normalisedQuestion);
        return key.toString();
    }

    private static void part(StringBuilder key, String value) {
        key.append(value.length()).append(':').append(value);
    }
}
