package io.caravan.bench;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class JitQuietTest {

    @Test
    void waitsAtLeastTheQuietPollsAndNeverBeyondItsLimit() throws Exception {
        Duration waited = JitQuiet.await(Duration.ofSeconds(5));

        // three quiet polls of 500 ms are the least it can see, unless the JVM cannot report compile time
        assertThat(waited).isBetween(Duration.ofMillis(1400), Duration.ofMillis(5600));
    }

    @Test
    void givesUpAtItsLimitWhileCodeKeepsBeingCompiled() throws Exception {
        Duration waited = JitQuiet.await(Duration.ofMillis(200));

        assertThat(waited).isLessThan(Duration.ofMillis(1200));
    }
}
