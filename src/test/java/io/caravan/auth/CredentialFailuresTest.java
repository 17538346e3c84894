package io.caravan.auth;

import io.caravan.throttle.RetryLaterException;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class CredentialFailuresTest {

    private Instant now = Instant.parse("2026-12-03T10:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    @Test
    void should_refuse_an_address_with_429_once_it_failed_too_often_until_its_window_passed() {
        // given
        CredentialFailures failures = new CredentialFailures(3, Duration.ofMinutes(1), clock);
        for (int i = 0; i < 3; i++) {
            failures.check("10.0.0.7");
            failures.failed("10.0.0.7");
        }

        // when
        now = now.plusSeconds(20);
        RetryLaterException refused = catchThrowableOfType(() -> failures.check("10.0.0.7"),
                RetryLaterException.class);

        // then
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.retryAfterSeconds()).isEqualTo(40);
        assertThatCode(() -> failures.check("10.0.0.8")).doesNotThrowAnyException();

        // when: the window passed
        now = now.plusSeconds(41);

        // then
        assertThatCode(() -> failures.check("10.0.0.7")).doesNotThrowAnyException();
    }
}
