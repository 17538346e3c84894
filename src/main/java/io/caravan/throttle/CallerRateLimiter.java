package io.caravan.throttle;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;

import java.time.Duration;

/**
 * At most {@code perMinute} questions per caller and minute; one more is refused at once with a 429 that says when
 * to retry. A Resilience4j {@link RateLimiter} per caller (a fixed window of one minute, no waiting), kept while the
 * caller is active: Camel's throttle EIP delays by default and, with {@code rejectExecution}, rejects without saying
 * how long to wait. Thread safe.
 */
public class CallerRateLimiter {

    private static final Duration WINDOW = Duration.ofMinutes(1);
    /** Callers remembered at most; an idle caller's limiter goes after two windows (its window has renewed). */
    private static final long MAX_CALLERS = 100_000;

    private final int perMinute;
    private final RateLimiterConfig config;
    private final Cache<String, AtomicRateLimiter> limiters;

    /** @param perMinute questions per caller and minute, {@code caravan.ask.rate-limit-per-minute}; 0 is no limit */
    public CallerRateLimiter(int perMinute) {
        if (perMinute < 0) {
            throw new IllegalStateException("caravan.ask.rate-limit-per-minute must be 0 (off) or more, was "
                    + perMinute);
        }
        this.perMinute = perMinute;
        this.config = perMinute == 0 ? null : RateLimiterConfig.custom()
                .limitForPeriod(perMinute)
                .limitRefreshPeriod(WINDOW)
                .timeoutDuration(Duration.ZERO)
                .build();
        this.limiters = Caffeine.newBuilder()
                .expireAfterAccess(WINDOW.multipliedBy(2))
                .maximumSize(MAX_CALLERS)
                .build();
    }

    /**
     * Takes one question from the caller's allowance unless its channel took it already ({@code counted}: an HTTP
     * event stream is counted before its stream starts, while a refusal can still be a plain 429).
     *
     * @throws RetryLaterException 429 when the caller used up this minute's allowance
     */
    public void acquire(String caller, Boolean counted) {
        if (!Boolean.TRUE.equals(counted)) {
            acquire(caller);
        }
    }

    /**
     * Takes one question from the caller's allowance; callers without a key (the local CLI) are not limited.
     *
     * @throws RetryLaterException 429 when the caller used up this minute's allowance
     */
    public void acquire(String caller) {
        if (config == null || caller == null) {
            return;
        }
        AtomicRateLimiter limiter = limiters.get(caller, key -> new AtomicRateLimiter(key, config));
        if (!limiter.acquirePermission()) {
            long nanos = limiter.getDetailedMetrics().getNanosToWait();
            long seconds = Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
            throw new RetryLaterException(429, "too_many_requests", "more than " + perMinute
                    + " questions a minute (caravan.ask.rate-limit-per-minute); retry in " + seconds + " s", seconds);
        }
    }
}
