package io.caravan.cache;

import io.caravan.answer.Answer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SemanticAnswerCacheTest {

    private static final CacheScope SCOPE = new CacheScope(new TreeSet<>(List.of("public")), new TreeMap<>(), null, 1);
    private static final Answer ANSWER = new Answer("Yes [1].", List.of(), "extractive", false, false, "r1", Map.of());

    private static float[] unit(double angle) {
        return new float[]{(float) Math.cos(angle), (float) Math.sin(angle)};
    }

    @Test
    void should_reuse_an_answer_at_or_above_the_threshold_only() {
        // given: cos(0.1) = 0.995, cos(0.4) = 0.921
        SemanticAnswerCache cache = new SemanticAnswerCache(true, 0.95, 100, Duration.ofMinutes(1));
        cache.store(SCOPE, unit(0), ANSWER);

        // then
        assertThat(cache.find(SCOPE, unit(0.1))).isEqualTo(ANSWER);
        assertThat(cache.find(SCOPE, unit(0.4))).isNull();
    }

    @Test
    void should_require_the_same_scope() {
        // given
        SemanticAnswerCache cache = new SemanticAnswerCache(true, 0.95, 100, Duration.ofMinutes(1));
        cache.store(SCOPE, unit(0), ANSWER);

        // then: another group or a newer index generation never gets it, however close the question
        assertThat(cache.find(new CacheScope(new TreeSet<>(List.of("finance")), new TreeMap<>(), null, 1), unit(0)))
                .isNull();
        assertThat(cache.find(new CacheScope(SCOPE.groups(), SCOPE.filters(), null, 2), unit(0))).isNull();
    }

    @Test
    void should_pick_the_closest_of_several_answers() {
        SemanticAnswerCache cache = new SemanticAnswerCache(true, 0.9, 100, Duration.ofMinutes(1));
        Answer other = new Answer("No [1].", List.of(), "extractive", false, false, "r2", Map.of());
        cache.store(SCOPE, unit(0), ANSWER);
        cache.store(SCOPE, unit(0.3), other);

        assertThat(cache.find(SCOPE, unit(0.25))).isEqualTo(other);
        assertThat(cache.find(SCOPE, unit(0.05))).isEqualTo(ANSWER);
    }

    @Test
    void should_do_nothing_when_disabled_and_reject_a_threshold_out_of_range() {
        SemanticAnswerCache off = new SemanticAnswerCache(false, 0.95, 100, Duration.ofMinutes(1));
        off.store(SCOPE, unit(0), ANSWER);
        assertThat(off.find(SCOPE, unit(0))).isNull();
        assertThatThrownBy(() -> new SemanticAnswerCache(true, 1.5, 100, Duration.ofMinutes(1)))
                .hasMessageContaining("caravan.cache.semantic.threshold");
    }
}
