package io.caravan.channel.openai;

import io.caravan.channel.ApiException;

/** A chat request that cannot be served as sent: a 400 whose OpenAI error names the offending field. */
public class InvalidChatRequestException extends ApiException {

    private final String param;

    /** @param param the request field at fault ({@code messages}, {@code model}), or {@code null} */
    public InvalidChatRequestException(String param, String message) {
        super(400, "invalid_request", message);
        this.param = param;
    }

    /** The request field at fault, or {@code null}. */
    public String param() {
        return param;
    }
}
