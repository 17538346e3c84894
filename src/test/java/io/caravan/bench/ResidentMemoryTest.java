package io.caravan.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResidentMemoryTest {

    @Test
    void should_read_vm_rss_in_kb_from_a_proc_status_text() {
        // given
        String status = "Name:\tjava\nVmPeak:\t 9000000 kB\nVmRSS:\t  524288 kB\nThreads:\t42\n";

        // when / then
        assertThat(ResidentMemory.vmRssKb(status)).hasValue(524288);
    }

    @Test
    void should_be_empty_without_vm_rss() {
        // when / then
        assertThat(ResidentMemory.vmRssKb("Name:\tkthreadd\n")).isEmpty();
    }
}
