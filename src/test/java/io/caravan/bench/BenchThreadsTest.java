package io.caravan.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BenchThreadsTest {

    @Test
    void should_group_threads_by_the_names_their_pools_give_them() {
        assertThat(BenchThreads.groupOf("caravan-embed-3")).isEqualTo(BenchThreads.EMBEDDING);
        assertThat(BenchThreads.groupOf(BenchThreads.INGEST_WORKER + "2")).startsWith("ingest workers");
        assertThat(BenchThreads.groupOf("caravan-parse-1")).startsWith("parsing");
        assertThat(BenchThreads.groupOf("Lucene Merge Thread #4")).startsWith("Lucene");
        assertThat(BenchThreads.groupOf("ForkJoinPool.commonPool-worker-1")).isEqualTo(BenchThreads.BARE_EMBEDDING);
        assertThat(BenchThreads.groupOf("main")).isEqualTo("other Java threads");
    }
}
