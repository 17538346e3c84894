package io.caravan.channel;

import io.caravan.answer.TokenSink;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * One answer's server-sent event stream: events are queued by whoever writes them (the model's HTTP client thread
 * for tokens, the pipeline for the end) and read by the HTTP server through {@link #inputStream()}, which ends after
 * the last event. Writers never block. Thread safe.
 */
public final class ServerSentEvents implements TokenSink {

    private static final byte[] END = new byte[0];

    private final BlockingQueue<byte[]> events = new LinkedBlockingQueue<>();
    private final TokenEncoder encoder;
    private final boolean named;
    private volatile boolean tokensSent;
    private volatile boolean closed;

    /** Turns a piece of answer text into the event's data line (JSON, so line breaks cannot split it). */
    @FunctionalInterface
    public interface TokenEncoder {
        String data(String text);
    }

    /**
     * A stream whose tokens are {@code token} events with {@code encoder}'s data, or, with {@code named} false,
     * unnamed events ({@code data:} lines only, as OpenAI's chat completion chunks are sent).
     */
    public ServerSentEvents(TokenEncoder encoder, boolean named) {
        this.encoder = encoder;
        this.named = named;
    }

    ServerSentEvents(TokenEncoder encoder) {
        this(encoder, true);
    }

    @Override
    public void token(String text) {
        if (text != null && !text.isEmpty()) {
            tokensSent = true;
            if (named) {
                send("token", encoder.data(text));
            } else {
                send(encoder.data(text));
            }
        }
    }

    /** Whether any token event was sent. */
    public boolean tokensSent() {
        return tokensSent;
    }

    /** Queues one event; {@code data} is one line. Ignored once the stream is closed. */
    void send(String event, String data) {
        if (!closed) {
            events.add(("event: " + event + "\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Queues one unnamed event; {@code data} is one line. Ignored once the stream is closed. */
    public void send(String data) {
        if (!closed) {
            events.add(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Ends the stream after the events queued so far. */
    public void close() {
        closed = true;
        events.add(END);
    }

    /** The stream of events for the HTTP response; it blocks until the next event and ends after the last. */
    public InputStream inputStream() {
        return new InputStream() {
            private byte[] current = new byte[0];
            private int position;
            private boolean ended;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                if (length == 0) {
                    return 0;
                }
                while (position == current.length) {
                    if (ended) {
                        return -1;
                    }
                    try {
                        current = events.take();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted while waiting for the next event", e);
                    }
                    position = 0;
                    ended = current == END;
                }
                int n = Math.min(length, current.length - position);
                System.arraycopy(current, position, buffer, offset, n);
                position += n;
                return n;
            }
        };
    }
}
