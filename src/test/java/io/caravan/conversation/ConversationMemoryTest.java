package io.caravan.conversation;

import com.github.benmanes.caffeine.cache.Ticker;
import io.caravan.answer.Answer;
import io.caravan.answer.Question;
import io.caravan.answer.Turn;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class ConversationMemoryTest {

    private final AtomicLong nanos = new AtomicLong();
    private final Ticker ticker = nanos::get;

    private static Question question(String text, String sessionId, Set<String> groups) {
        return new Question("r", text, sessionId, Map.of(), null, groups, "http");
    }

    private static Answer answer(String text) {
        return new Answer(text, List.of(), "extractive", false, false, "r", Map.of());
    }

    @Test
    void should_keep_the_last_turns_of_a_session_in_order() {
        // given
        ConversationMemory memory = new ConversationMemory(2, Duration.ofMinutes(30), 100, ticker);

        // when
        for (int i = 1; i <= 3; i++) {
            memory.remember(question("q" + i, "s1", Set.of("public")), answer("a" + i), "address:1");
        }

        // then: the window holds the two newest
        assertThat(memory.history(question("q4", "s1", Set.of("public")), "address:1"))
                .containsExactly(new Turn("q2", "a2"), new Turn("q3", "a3"));
    }

    @Test
    void should_forget_a_session_unused_for_its_ttl() {
        // given
        ConversationMemory memory = new ConversationMemory(5, Duration.ofMinutes(30), 100, ticker);
        memory.remember(question("q1", "s1", Set.of("public")), answer("a1"), "address:1");

        // when: used again after 20 minutes, then left alone for 31
        nanos.addAndGet(Duration.ofMinutes(20).toNanos());
        assertThat(memory.history(question("q2", "s1", Set.of("public")), "address:1")).hasSize(1);
        nanos.addAndGet(Duration.ofMinutes(31).toNanos());

        // then
        assertThat(memory.history(question("q3", "s1", Set.of("public")), "address:1")).isEmpty();
    }

    @Test
    void should_never_show_a_session_to_another_caller_or_other_groups() {
        // given
        ConversationMemory memory = new ConversationMemory(5, Duration.ofMinutes(30), 100, ticker);
        memory.remember(question("secret budget?", "s1", Set.of("finance")), answer("120000 euros"), "principal:ann");

        // then: the same sessionId from anyone else is an empty conversation of its own
        assertThat(memory.history(question("q", "s1", Set.of("finance")), "principal:bob")).isEmpty();
        assertThat(memory.history(question("q", "s1", Set.of("public")), "principal:ann")).isEmpty();
        assertThat(memory.history(question("q", "s1", Set.of("finance")), "principal:ann")).hasSize(1);
    }

    @Test
    void should_keep_nothing_without_a_session_id() {
        ConversationMemory memory = new ConversationMemory(5, Duration.ofMinutes(30), 100, ticker);
        memory.remember(question("q1", null, Set.of("public")), answer("a1"), "address:1");
        assertThat(memory.history(question("q2", null, Set.of("public")), "address:1")).isEmpty();
    }
}
