package io.caravan.throttle;

import io.caravan.throttle.RetryLaterException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class CallerRateLimiterTest {

    @Test
    void should_refuse_the_question_over_the_rate_with_429_and_the_seconds_to_wait() {
        // given
        CallerRateLimiter limiter = new CallerRateLimiter(2);
        limiter.acquire("address:10.0.0.1");
        limiter.acquire("address:10.0.0.1");

        // when
        RetryLaterException refused = catchThrowableOfType(RetryLaterException.class,
                () -> limiter.acquire("address:10.0.0.1"));

        // then
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.code()).isEqualTo("too_many_requests");
        assertThat(refused.retryAfterSeconds()).isBetween(1L, 60L);
    }

    @Test
    void should_count_each_caller_apart() {
        CallerRateLimiter limiter = new CallerRateLimiter(1);
        limiter.acquire("address:10.0.0.1");
        limiter.acquire("address:10.0.0.2");
        limiter.acquire("jms:anonymous");
        assertThatThrownBy(() -> limiter.acquire("address:10.0.0.2")).isInstanceOf(RetryLaterException.class);
    }

    @Test
    void should_not_limit_when_off_or_without_a_caller() {
        CallerRateLimiter off = new CallerRateLimiter(0);
        CallerRateLimiter on = new CallerRateLimiter(1);
        for (int i = 0; i < 100; i++) {
            off.acquire("address:10.0.0.1");
            on.acquire(null);
        }
        assertThatThrownBy(() -> new CallerRateLimiter(-1)).hasMessageContaining("rate-limit-per-minute");
    }
}
