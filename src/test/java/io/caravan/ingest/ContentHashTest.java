package io.caravan.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ContentHashTest {

    @Test
    void should_give_the_known_lower_case_sha256_of_abc() {
        // when
        String hash = ContentHash.of("abc".getBytes(StandardCharsets.US_ASCII));

        // then
        assertThat(hash).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void should_give_the_known_sha256_of_no_bytes() {
        // when / then
        assertThat(ContentHash.of(new byte[0]))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }
}
