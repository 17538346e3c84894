package io.caravan.throttle;

import io.caravan.throttle.RetryLaterException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class LlmPermitsTest {

    @Test
    void should_refuse_with_503_after_the_queue_timeout_when_every_slot_is_busy() {
        // given
        LlmPermits permits = new LlmPermits(true, 1, Duration.ofMillis(200));
        permits.acquire("r1");

        // when
        long start = System.nanoTime();
        RetryLaterException busy = catchThrowableOfType(RetryLaterException.class, () -> permits.acquire("r2"));
        long waitedMillis = (System.nanoTime() - start) / 1_000_000;

        // then: it waited the bounded time, then gave up
        assertThat(busy.status()).isEqualTo(503);
        assertThat(busy.code()).isEqualTo("llm_busy");
        assertThat(waitedMillis).isBetween(150L, 5_000L);
    }

    @Test
    void should_hand_a_released_slot_to_a_waiting_call() throws Exception {
        // given
        LlmPermits permits = new LlmPermits(true, 1, Duration.ofSeconds(10));
        permits.acquire("r1");
        CountDownLatch waiting = new CountDownLatch(1);

        // when
        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> {
            waiting.countDown();
            permits.acquire("r2");
        });
        waiting.await();
        permits.release("r1");

        // then
        second.get(5, TimeUnit.SECONDS);
        assertThat(permits.available()).isZero();
        permits.release("r2");
        assertThat(permits.available()).isEqualTo(1);
    }

    @Test
    void should_release_each_request_once_however_often_asked() {
        LlmPermits permits = new LlmPermits(true, 2, Duration.ofMillis(100));
        permits.acquire("r1");
        permits.release("r1");
        permits.release("r1");
        permits.release("never-acquired");
        assertThat(permits.available()).isEqualTo(2);
    }

    @Test
    void should_pass_every_call_without_a_language_model() {
        LlmPermits none = new LlmPermits(false, 1, Duration.ofMillis(10));
        none.acquire("r1");
        none.acquire("r2");
        assertThat(none.withPermit(() -> "ok")).isEqualTo("ok");
    }

    @Test
    void should_run_own_calls_in_a_slot_and_refuse_them_when_busy() {
        LlmPermits permits = new LlmPermits(true, 1, Duration.ofMillis(50));
        assertThat(permits.withPermit(() -> permits.available())).isZero();
        assertThat(permits.available()).isEqualTo(1);
        permits.acquire("r1");
        assertThatThrownBy(() -> permits.withPermit(() -> "late")).isInstanceOf(RetryLaterException.class);
    }
}
