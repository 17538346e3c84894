package io.caravan.cache;

import io.caravan.answer.Answer;
import io.caravan.answer.AnswerPreference;
import io.caravan.answer.Question;
import io.caravan.answer.Turn;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class AnswerCacheTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final AtomicLong generation = new AtomicLong(7);
    private final AnswerCache cache = new AnswerCache(true, 100, Duration.ofMinutes(10), generation::get, meters);

    private static Question question(String text, Set<String> groups, Map<String, String> filters, Integer topK) {
        return new Question("r-" + text.hashCode(), text, null, filters, topK, groups, "test");
    }

    private String key(Question question) {
        return cache.key(question, List.of());
    }

    @Test
    void should_give_one_key_to_questions_differing_only_in_case_spaces_and_punctuation() {
        assertThat(key(question("What is BM25?", Set.of("public"), Map.of(), null)))
                .isEqualTo(key(question("  what is  bm25 ", Set.of("public"), Map.of(), null)));
    }

    @Test
    void should_key_on_groups_filters_and_top_k() {
        String base = key(question("q", Set.of("public"), Map.of(), null));
        assertThat(key(question("q", Set.of("public", "finance"), Map.of(), null))).isNotEqualTo(base);
        assertThat(key(question("q", Set.of("finance"), Map.of(), null))).isNotEqualTo(base);
        assertThat(key(question("q", Set.of("public"), Map.of("source", "file"), null))).isNotEqualTo(base);
        assertThat(key(question("q", Set.of("public"), Map.of(), 3))).isNotEqualTo(base);
        // the order groups and filters come in does not matter
        assertThat(key(question("q", Set.of("b", "a"), Map.of("source", "s", "title", "t"), null)))
                .isEqualTo(key(question("q", Set.of("a", "b"), Map.of("title", "t", "source", "s"), null)));
    }

    @Test
    void should_never_share_a_key_between_an_extractive_only_answer_and_the_configured_one() {
        // given: the same question, once answered the configured way (the LLM, say), once extractive only
        Question configured = question("q", Set.of("public"), Map.of(), null);
        Question extractive = new Question("r-2", "q", null, Map.of(), null, Set.of("public"), "openai",
                AnswerPreference.EXTRACTIVE, List.of());

        // when
        String configuredKey = key(configured);
        String extractiveKey = key(extractive);

        // then
        assertThat(extractiveKey).isNotNull().isNotEqualTo(configuredKey);
    }

    @Test
    void should_change_the_key_when_the_index_generation_changes() {
        // given
        Question question = question("What is BM25?", Set.of("public"), Map.of(), null);
        String before = key(question);

        // when: a document is indexed or deleted
        generation.incrementAndGet();

        // then
        assertThat(key(question)).isNotEqualTo(before);
    }

    @Test
    void should_not_let_crafted_values_collide_across_parts() {
        // a filter value that spells out another key's tail must not give that key
        String plain = key(question("x", Set.of("public"), Map.of("source", "a"), null));
        String crafted = key(question("x", Set.of("public"), Map.of("source", "a1:k0:"), null));
        assertThat(crafted).isNotEqualTo(plain);
        assertThat(key(question("a b", Set.of("g"), Map.of(), null)))
                .isNotEqualTo(key(question("b", Set.of("g a"), Map.of(), null)));
    }

    @Test
    void should_not_cache_a_follow_up_or_when_disabled() {
        Question question = question("and in children?", Set.of("public"), Map.of(), null);
        assertThat(cache.key(question, List.of(new Turn("Does aspirin help?", "Yes [1].")))).isNull();
        assertThat(new AnswerCache(false, 100, Duration.ofMinutes(10), generation::get, meters)
                .key(question, List.of())).isNull();
    }

    @Test
    void should_serve_a_stored_answer_flagged_with_the_new_request_id_and_count_hits_and_misses() {
        // given
        Question first = new Question("r1", "q", null, Map.of(), null, Set.of("public"), "http");
        Question again = new Question("r2", "Q?", null, Map.of(), null, Set.of("public"), "http");
        Answer fresh = new Answer("Yes [1].", List.of(), "extractive", false, false, "r1", Map.of("retrieve", 12L));
        String key = cache.key(first, List.of());

        // when
        Answer before = cache.get(key, first);
        cache.put(key, fresh);
        Answer served = cache.get(cache.key(again, List.of()), again);

        // then
        assertThat(before).isNull();
        assertThat(served.cached()).isTrue();
        assertThat(served.requestId()).isEqualTo("r2");
        assertThat(served.answer()).isEqualTo("Yes [1].");
        assertThat(served.timings()).isEmpty();
        assertThat(cache.get(null, again)).as("no key: not counted").isNull();
        assertThat(meters.get("caravan.answer.cache").tag("result", "hit").counter().count()).isEqualTo(1);
        assertThat(meters.get("caravan.answer.cache").tag("result", "miss").counter().count()).isEqualTo(1);
    }

    @Test
    void should_never_store_a_served_or_degraded_answer_or_one_without_a_key() {
        // given
        Question question = new Question("r1", "q", null, Map.of(), null, Set.of("public"), "http");
        String key = cache.key(question, List.of());
        Answer degraded = new Answer("Found [1].", List.of(), "extractive", true, false, "r1", Map.of());
        Answer served = new Answer("Yes [1].", List.of(), "extractive", false, true, "r0", Map.of());

        // when
        cache.put(key, degraded);
        cache.put(key, served);
        cache.put(null, new Answer("Yes [1].", List.of(), "extractive", false, false, "r1", Map.of()));

        // then
        assertThat(cache.get(key, question)).isNull();
    }

    @Test
    void should_not_serve_an_answer_stored_before_the_index_changed() {
        // given
        Question question = new Question("r1", "q", null, Map.of(), null, Set.of("public"), "http");
        cache.put(cache.key(question, List.of()), new Answer("Yes [1].", List.of(), "extractive", false, false,
                "r1", Map.of()));

        // when
        generation.incrementAndGet();

        // then
        assertThat(cache.get(cache.key(question, List.of()), question)).isNull();
    }
}
