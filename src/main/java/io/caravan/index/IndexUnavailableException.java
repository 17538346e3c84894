package io.caravan.index;

/** The index cannot serve the request now (closed, I/O failure, engine down). */
public class IndexUnavailableException extends RuntimeException {
    public IndexUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
