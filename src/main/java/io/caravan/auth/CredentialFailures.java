package io.caravan.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.caravan.throttle.RetryLaterException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Slows down credential guessing: a client address that presented {@code limit} failed credentials within a window
 * gets 429 for every request, right or wrong, until its window has passed (docs/http-api.md#authentication). It
 * is checked before the credential, so a guess that would be right is refused too. Addresses are remembered in a
 * bounded Caffeine cache for one window. Thread safe.
 */
public class CredentialFailures {

    private static final long MAX_ADDRESSES = 100_000;

    private final int limit;
    private final Duration window;
    private final Clock clock;
    private final Cache<String, Window> failures;

    public CredentialFailures(int limit, Duration window) {
        this(limit, window, Clock.systemUTC());
    }

    CredentialFailures(int limit, Duration window, Clock clock) {
        this.limit = limit;
        this.window = window;
        this.clock = clock;
        this.failures = Caffeine.newBuilder().expireAfterWrite(window).maximumSize(MAX_ADDRESSES).build();
    }

    /** The failures of one address since {@code start}. */
    private record Window(Instant start, int count) {
    }

    /** @throws RetryLaterException 429 while {@code address} is over its limit */
    public void check(String address) {
        Window current = failures.getIfPresent(address);
        if (current == null || current.count() < limit) {
            return;
        }
        Duration left = Duration.between(clock.instant(), current.start().plus(window));
        if (left.isNegative() || left.isZero()) {
            failures.invalidate(address);
            return;
        }
        long seconds = Math.max(1, (left.toMillis() + 999) / 1000);
        throw new RetryLaterException(429, "too_many_requests", "too many failed credentials from this address; "
                + "retry in " + seconds + " s", seconds);
    }

    /** Counts one failed credential from {@code address}. */
    public void failed(String address) {
        Instant now = clock.instant();
        failures.asMap().compute(address, (key, current) ->
                current == null || !now.isBefore(current.start().plus(window))
                        ? new Window(now, 1) : new Window(current.start(), current.count() + 1));
    }
}
