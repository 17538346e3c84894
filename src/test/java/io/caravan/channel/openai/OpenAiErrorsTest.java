package io.caravan.channel.openai;

import com.fasterxml.jackson.databind.JsonNode;
import io.caravan.auth.AuthenticationException;
import io.caravan.channel.ApiException;
import io.caravan.channel.ErrorReplies;
import io.caravan.json.Json;
import io.caravan.throttle.RetryLaterException;
import org.apache.camel.language.bean.RuntimeBeanExpressionException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OpenAiErrorsTest {

    private final OpenAiErrors errors = new OpenAiErrors(new ErrorReplies());

    @Test
    void should_write_a_bad_request_as_invalid_request_error_naming_the_param() {
        // given: as Camel hands it over, wrapped
        Throwable thrown = new RuntimeBeanExpressionException(null, "bean", "read",
                new InvalidChatRequestException("messages", "'messages' has no message with role 'user'"));

        // when
        JsonNode body = Json.newMapper().valueToTree(errors.replyFor(thrown, "req-1"));

        // then: exactly OpenAI's four fields
        assertThat(errors.statusFor(thrown)).isEqualTo(400);
        assertThat(body.get("error").size()).isEqualTo(4);
        assertThat(body.at("/error/message").asText()).isEqualTo("'messages' has no message with role 'user'");
        assertThat(body.at("/error/type").asText()).isEqualTo("invalid_request_error");
        assertThat(body.at("/error/param").asText()).isEqualTo("messages");
        assertThat(body.at("/error/code").asText()).isEqualTo("invalid_request");
    }

    @Test
    void should_map_each_status_to_openai_type_and_code() {
        // given
        AuthenticationException missing = new AuthenticationException("missing", "send Authorization: Bearer <key>");
        ApiException forbidden = ApiException.forbidden("no");
        ApiException model = new ApiException(404, "model_not_found", "The model 'x' does not exist");
        ApiException tooLarge = ApiException.tooLarge("too long");
        RetryLaterException throttled = new RetryLaterException(429, "too_many_requests", "slow down", 7);
        RetryLaterException busy = new RetryLaterException(503, "llm_busy", "busy", 2);

        // then
        assertThat(errors.replyFor(missing, "r").error()).extracting("type", "code", "param")
                .containsExactly("authentication_error", "invalid_api_key", null);
        assertThat(errors.statusFor(missing)).isEqualTo(401);
        assertThat(errors.challengeFor(missing)).isEqualTo("Bearer realm=\"caravan\"");
        assertThat(errors.replyFor(forbidden, "r").error()).extracting("type", "code")
                .containsExactly("permission_error", "forbidden");
        assertThat(errors.replyFor(model, "r").error()).extracting("type", "code")
                .containsExactly("invalid_request_error", "model_not_found");
        assertThat(errors.statusFor(model)).isEqualTo(404);
        assertThat(errors.statusFor(tooLarge)).isEqualTo(413);
        assertThat(errors.replyFor(tooLarge, "r").error().type()).isEqualTo("invalid_request_error");
        assertThat(errors.replyFor(throttled, "r").error()).extracting("type", "code")
                .containsExactly("rate_limit_error", "rate_limit_exceeded");
        assertThat(errors.retryAfterFor(throttled)).isEqualTo(7L);
        assertThat(errors.replyFor(busy, "r").error()).extracting("type", "code")
                .containsExactly("server_error", "llm_busy");
        assertThat(errors.statusFor(busy)).isEqualTo(503);
        assertThat(errors.retryAfterFor(forbidden)).isNull();
        assertThat(errors.challengeFor(forbidden)).isNull();
    }

    @Test
    void should_answer_an_unexpected_failure_with_500_and_no_trace_of_it() {
        // given
        IllegalStateException bug = new IllegalStateException("secret at io.caravan.Foo.bar(Foo.java:12)");

        // when
        OpenAiError.Detail detail = errors.replyFor(bug, "req-9").error();

        // then
        assertThat(errors.statusFor(bug)).isEqualTo(500);
        assertThat(detail.type()).isEqualTo("server_error");
        assertThat(detail.code()).isEqualTo("internal_error");
        assertThat(detail.message()).contains("req-9").doesNotContain("secret").doesNotContain("Foo.java");
    }
}
