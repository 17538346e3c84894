package io.caravan.answer;

/** Where a streamed answer's text goes as the model writes it (a server-sent event stream, say). */
@FunctionalInterface
public interface TokenSink {

    /** Hands over the next piece of the answer text, in order. */
    void token(String text);
}
