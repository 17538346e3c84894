package io.caravan.channel.openai;

/**
 * The error body of the OpenAI-compatible endpoints, in OpenAI's shape:
 * {@code {"error":{"message","type","param","code"}}}.
 *
 * @param error what went wrong
 */
public record OpenAiError(Detail error) {

    /**
     * @param message what the caller is told; never a stack trace or a credential
     * @param type    OpenAI's error class ({@code invalid_request_error}, {@code authentication_error}, ...)
     * @param param   the request field at fault, or {@code null}
     * @param code    a machine-readable code ({@code model_not_found}, {@code rate_limit_exceeded}, ...)
     */
    public record Detail(String message, String type, String param, String code) {
    }
}
