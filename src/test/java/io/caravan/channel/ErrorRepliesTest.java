package io.caravan.channel;

import static org.assertj.core.api.Assertions.assertThat;

import io.caravan.index.EmbeddingModelMismatchException;
import io.caravan.index.IndexUnavailableException;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class ErrorRepliesTest {

    private final ErrorReplies replies = new ErrorReplies();

    @Test
    void should_map_an_api_exception_to_its_status_code_and_message() {
        // given
        ApiException error = ApiException.notFound("no document with docId \"x\"");

        // when
        ErrorReply reply = replies.replyFor(error, "req-1");

        // then
        assertThat(replies.statusFor(error)).isEqualTo(404);
        assertThat(reply.error().code()).isEqualTo("not_found");
        assertThat(reply.error().message()).isEqualTo("no document with docId \"x\"");
        assertThat(reply.requestId()).isEqualTo("req-1");
    }

    @Test
    void should_map_each_api_exception_factory_to_its_status() {
        // when / then
        assertThat(replies.statusFor(ApiException.badRequest("m"))).isEqualTo(400);
        assertThat(replies.statusFor(ApiException.tooLarge("m"))).isEqualTo(413);
        assertThat(replies.statusFor(ApiException.unsupportedMediaType("m"))).isEqualTo(415);
        assertThat(replies.replyFor(ApiException.tooLarge("m"), "r").error().code()).isEqualTo("payload_too_large");
        assertThat(replies.replyFor(ApiException.unsupportedMediaType("m"), "r").error().code())
                .isEqualTo("unsupported_media_type");
    }

    @Test
    void should_find_an_api_exception_wrapped_by_camel() {
        // given: Camel wraps what a bean throws, sometimes twice
        ApiException api = ApiException.badRequest("\"topK\" must be an integer from 1 to 20");
        RuntimeException wrapped = new RuntimeException("bean invocation failed",
                new IllegalStateException(api));

        // when
        ErrorReply reply = replies.replyFor(wrapped, "req-2");

        // then
        assertThat(replies.statusFor(wrapped)).isEqualTo(400);
        assertThat(reply.error().code()).isEqualTo("bad_request");
        assertThat(reply.error().message()).isEqualTo(api.getMessage());
    }

    @Test
    void should_map_index_failures_to_503() {
        // given
        var mismatch = new EmbeddingModelMismatchException("model-a", "model-b");
        var unavailable = new RuntimeException(new IndexUnavailableException("disk gone", new IOException("eio")));

        // when / then
        assertThat(replies.statusFor(mismatch)).isEqualTo(503);
        assertThat(replies.replyFor(mismatch, "r").error().code()).isEqualTo("index_model_mismatch");
        assertThat(replies.statusFor(unavailable)).isEqualTo(503);
        assertThat(replies.replyFor(unavailable, "r").error().code()).isEqualTo("unavailable");
        assertThat(replies.replyFor(unavailable, "r").error().message()).contains("disk gone");
    }

    @Test
    void should_hide_the_details_of_an_unexpected_exception_behind_a_500() {
        // given
        var error = new IllegalStateException("secret internals at /var/lib/caravan",
                new NullPointerException("boom"));

        // when
        ErrorReply reply = replies.replyFor(error, "req-3");

        // then
        assertThat(replies.statusFor(error)).isEqualTo(500);
        assertThat(reply.error().code()).isEqualTo("internal_error");
        assertThat(reply.error().message())
                .contains("req-3")
                .doesNotContain("Exception")
                .doesNotContain("java.")
                .doesNotContain("secret")
                .doesNotContain("boom")
                .doesNotContain("\tat ");
        assertThat(reply.requestId()).isEqualTo("req-3");
    }
}
