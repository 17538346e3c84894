package io.caravan.channel;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The raw bytes of an HTTP request body as an {@link InputStream}, whatever its Content-Type: the body of a
 * platform-http route with {@code useBodyHandler=false} is the paused Vert.x request, which no form decoder has
 * touched. The request is read one chunk per demand, so the sender goes no faster than the reader. Read from one
 * thread, off the Vert.x event loop; not thread safe.
 */
public final class HttpRequestBodyStream extends InputStream {

    /** How long a read waits for the client's next chunk before the upload counts as stalled. */
    private static final long STALLED_AFTER_SECONDS = 60;
    private static final Object END = new Object();

    private final HttpServerRequest request;
    private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
    private byte[] chunk = new byte[0];
    private int position;
    private boolean ended;

    private HttpRequestBodyStream(HttpServerRequest request) {
        this.request = request;
        // without Vert.x's body handler nobody else answers "Expect: 100-continue" (curl sends it for large bodies)
        if ("100-continue".equalsIgnoreCase(request.getHeader("Expect")) && request.version() != HttpVersion.HTTP_1_0) {
            request.response().writeContinue();
        }
        request.handler(buffer -> events.add(buffer.getBytes()))
                .exceptionHandler(events::add)
                .endHandler(end -> events.add(END));
    }

    /**
     * The request body as a stream: the Vert.x request's bytes, or a body some other HTTP engine already read
     * ({@code byte[]}, {@link Buffer}, {@link InputStream}); an empty stream for no body.
     */
    public static InputStream of(Object body) {
        if (body instanceof HttpServerRequest request) {
            return new HttpRequestBodyStream(request);
        }
        if (body instanceof InputStream stream) {
            return stream;
        }
        if (body instanceof Buffer buffer) {
            return new ByteArrayInputStream(buffer.getBytes());
        }
        if (body instanceof byte[] bytes) {
            return new ByteArrayInputStream(bytes);
        }
        if (body == null) {
            return InputStream.nullInputStream();
        }
        throw new IllegalArgumentException("not an HTTP request body: " + body.getClass().getName());
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (position == chunk.length) {
            if (ended) {
                return -1;
            }
            next();
        }
        int count = Math.min(length, chunk.length - position);
        System.arraycopy(chunk, position, target, offset, count);
        position += count;
        return count;
    }

    private void next() throws IOException {
        request.fetch(1);
        Object event;
        try {
            event = events.poll(STALLED_AFTER_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading the request body");
        }
        if (event == null) {
            throw new IOException("the client sent no part of the request body for " + STALLED_AFTER_SECONDS + "s");
        }
        if (event == END) {
            ended = true;
        } else if (event instanceof Throwable failure) {
            throw new IOException("the request body could not be read: " + failure.getMessage(), failure);
        } else {
            chunk = (byte[]) event;
            position = 0;
        }
    }

    /** Discards the rest of the body, so the connection can carry the response (a 413 before the end, say). */
    @Override
    public void close() {
        if (!ended) {
            ended = true;
            request.handler(discarded -> { }).resume();
        }
    }
}
