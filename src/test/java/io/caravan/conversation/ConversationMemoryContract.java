package io.caravan.conversation;

import io.caravan.answer.Answer;
import io.caravan.answer.Question;
import io.caravan.answer.Turn;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link ConversationMemory} promises, run against each implementation:
 * {@code CaffeineConversationMemoryTest} in memory, {@code ElasticsearchConversationMemoryIT} on a real node.
 */
public abstract class ConversationMemoryContract {

    /** Nanoseconds since the start of the test, as the memory's clock reads them. */
    protected final AtomicLong nanos = new AtomicLong();

    /** A new memory on this test's storage, whose clock reads {@link #nanos}. */
    protected abstract ConversationMemory newMemory(int maxTurns, Duration ttl, long maxSessions);

    protected static Question question(String text, String sessionId, Set<String> groups) {
        return new Question("r", text, sessionId, Map.of(), null, groups, "http");
    }

    protected static Answer answer(String text) {
        return new Answer(text, List.of(), "extractive", false, false, "r", Map.of());
    }

    @Test
    void should_keep_the_last_turns_of_a_session_in_order() {
        // given
        ConversationMemory memory = newMemory(2, Duration.ofMinutes(30), 100);

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
        ConversationMemory memory = newMemory(5, Duration.ofMinutes(30), 100);
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
        ConversationMemory memory = newMemory(5, Duration.ofMinutes(30), 100);
        memory.remember(question("secret budget?", "s1", Set.of("finance")), answer("120000 euros"), "principal:ann");

        // then: the same sessionId from anyone else is an empty conversation of its own
        assertThat(memory.history(question("q", "s1", Set.of("finance")), "principal:bob")).isEmpty();
        assertThat(memory.history(question("q", "s1", Set.of("public")), "principal:ann")).isEmpty();
        assertThat(memory.history(question("q", "s1", Set.of("finance")), "principal:ann")).hasSize(1);
    }

    @Test
    void should_find_a_session_whatever_the_order_of_the_callers_groups() {
        // given
        ConversationMemory memory = newMemory(5, Duration.ofMinutes(30), 100);
        memory.remember(question("q1", "s1", new LinkedHashSet<>(List.of("b", "a"))), answer("a1"), "x");

        // then
        assertThat(memory.history(question("q2", "s1", new LinkedHashSet<>(List.of("a", "b"))), "x"))
                .containsExactly(new Turn("q1", "a1"));
    }

    @Test
    void should_start_a_session_afresh_after_it_expired() {
        // given
        ConversationMemory memory = newMemory(5, Duration.ofMinutes(30), 100);
        memory.remember(question("old", "s1", Set.of("public")), answer("a0"), "address:1");
        nanos.addAndGet(Duration.ofMinutes(31).toNanos());

        // when
        memory.remember(question("new", "s1", Set.of("public")), answer("a1"), "address:1");

        // then
        assertThat(memory.history(question("q", "s1", Set.of("public")), "address:1"))
                .containsExactly(new Turn("new", "a1"));
    }

    @Test
    void should_keep_nothing_without_a_session_id() {
        ConversationMemory memory = newMemory(5, Duration.ofMinutes(30), 100);
        memory.remember(question("q1", null, Set.of("public")), answer("a1"), "address:1");
        assertThat(memory.history(question("q2", null, Set.of("public")), "address:1")).isEmpty();
    }
}
