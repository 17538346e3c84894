package io.caravan.channel;

import static io.caravan.channel.ApiExceptions.thrownBy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpRequestGuardTest {

    private final HttpRequestGuard guard = new HttpRequestGuard(10);

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "application/json; charset=UTF-8", "Application/JSON",
            "application/problem+json", "application/vnd.caravan+json;charset=utf-8"})
    void should_accept_json_content_types(String contentType) {
        // when / then
        assertThatNoException().isThrownBy(() -> guard.requireJson(contentType, "{}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "text/json+x", "application/xml", "multipart/form-data", ""})
    void should_reject_other_content_types_with_415(String contentType) {
        // when
        ApiException e = thrownBy(() -> guard.requireJson(contentType, "{}"), 415);

        // then
        assertThat(e.code()).isEqualTo("unsupported_media_type");
        assertThat(e.getMessage()).contains("application/json");
    }

    @Test
    void should_reject_a_missing_content_type_with_415() {
        // when / then
        assertThat(thrownBy(() -> guard.requireJson(null, "{}"), 415).getMessage()).contains("no content type");
    }

    @Test
    void should_accept_a_body_exactly_at_the_limit_and_a_missing_body() {
        // when / then
        assertThatNoException().isThrownBy(() -> guard.requireJson("application/json", "0123456789"));
        assertThatNoException().isThrownBy(() -> guard.requireJson("application/json", null));
    }

    @Test
    void should_reject_a_body_over_the_limit_with_413_naming_the_key() {
        // when
        ApiException e = thrownBy(() -> guard.requireJson("application/json", "01234567890"), 413);

        // then
        assertThat(e.code()).isEqualTo("payload_too_large");
        assertThat(e.getMessage()).contains("11").contains("caravan.http.max-json-bytes");
    }

    @Test
    void should_count_the_body_in_utf8_bytes_not_characters() {
        // given: 6 characters, 12 bytes in UTF-8
        String body = "éééééé";

        // when / then
        assertThat(thrownBy(() -> guard.requireJson("application/json", body), 413).getMessage()).contains("12");
    }
}
