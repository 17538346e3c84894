package io.caravan.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DeferredHybridIndexTest {

    private final AtomicLong now = new AtomicLong();
    private final AtomicInteger attempts = new AtomicInteger();
    private final AtomicBoolean engineUp = new AtomicBoolean();
    private final RecordingHybridIndex engine = new RecordingHybridIndex().with("a.txt", "h1");
    private final AtomicBoolean clientClosed = new AtomicBoolean();

    private DeferredHybridIndex deferred() {
        return new DeferredHybridIndex("test index", () -> {
            attempts.incrementAndGet();
            if (!engineUp.get()) {
                throw new IndexUnavailableException("connection refused", null);
            }
            return engine;
        }, () -> clientClosed.set(true), Duration.ofSeconds(1), now::get);
    }

    @Test
    void should_start_unready_while_the_engine_is_down_and_open_once_it_answers() {
        // given
        DeferredHybridIndex index = deferred();

        // when the engine is down
        boolean openedAtStart = index.tryOpen();

        // then
        assertThat(openedAtStart).isFalse();
        assertThat(index.isHealthy()).isFalse();
        assertThatThrownBy(index::documentHashes).isInstanceOf(IndexUnavailableException.class)
                .hasMessageContaining("connection refused");

        // when it comes up and the retry delay passed
        engineUp.set(true);
        now.addAndGet(Duration.ofSeconds(1).toNanos());

        // then
        assertThat(index.documentHashes()).containsOnlyKeys("a.txt");
        assertThat(index.isHealthy()).isTrue();
        assertThat(index.isOpen()).isTrue();
    }

    @Test
    void should_not_try_to_open_again_before_the_retry_delay() {
        // given
        DeferredHybridIndex index = deferred();
        index.tryOpen();
        engineUp.set(true);

        // when
        now.addAndGet(Duration.ofMillis(999).toNanos());

        // then
        assertThatThrownBy(() -> index.delete("a.txt")).isInstanceOf(IndexUnavailableException.class);
        assertThat(attempts.get()).isEqualTo(1);
        now.addAndGet(Duration.ofMillis(1).toNanos());
        index.delete("a.txt");
        assertThat(engine.deleted()).containsExactly("a.txt");
        assertThat(attempts.get()).isEqualTo(2);
    }

    @Test
    void should_open_once_and_close_the_index_then_the_client() {
        // given
        engineUp.set(true);
        DeferredHybridIndex index = deferred();
        index.tryOpen();
        index.stats();

        // when
        index.close();

        // then
        assertThat(attempts.get()).isEqualTo(1);
        assertThat(clientClosed).isTrue();
        assertThat(index.isHealthy()).isFalse();
        assertThatThrownBy(index::stats).isInstanceOf(IndexUnavailableException.class);
    }

    @Test
    void should_close_the_client_even_when_the_index_never_opened() {
        // given
        DeferredHybridIndex index = deferred();
        index.tryOpen();

        // when
        index.close();

        // then
        assertThat(clientClosed).isTrue();
        assertThatThrownBy(() -> index.delete("x")).isInstanceOf(IndexUnavailableException.class)
                .hasMessageContaining("closed");
    }
}
