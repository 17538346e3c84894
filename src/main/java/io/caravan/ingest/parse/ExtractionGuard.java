package io.caravan.ingest.parse;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The limits of one parse: a character budget, an embedded-depth breach and cancellation by the caller.
 *
 * <p>The first reason to stop wins and sticks, so a parser that swallows the first {@link ExtractionStoppedException}
 * still gets one on its next SAX event, and the caller can tell the real reason even when Tika wrapped the
 * exception. The character count is touched only by the parsing thread; the stop reason is shared with the
 * caller's thread.
 */
final class ExtractionGuard {

    /** Why extraction stopped early. */
    enum Stop { NONE, CHARACTERS, EMBEDDED_DEPTH, CANCELLED }

    private final long maxCharacters;
    private final AtomicReference<Stop> stop = new AtomicReference<>(Stop.NONE);
    private long characters;

    ExtractionGuard(long maxCharacters) {
        this.maxCharacters = maxCharacters;
    }

    /** Counts extracted characters, stopping extraction once the budget is exceeded. */
    void addCharacters(long count) throws ExtractionStoppedException {
        checkRunning();
        characters += count;
        if (characters > maxCharacters) {
            throw stopWith(Stop.CHARACTERS);
        }
    }

    /** Fails when extraction must stop, for any reason. */
    void checkRunning() throws ExtractionStoppedException {
        Stop current = stop.get();
        if (current != Stop.NONE) {
            throw new ExtractionStoppedException(current);
        }
    }

    /** Records that an embedded document nests too deep and stops extraction. */
    ExtractionStoppedException embeddedTooDeep() {
        return stopWith(Stop.EMBEDDED_DEPTH);
    }

    /** Asks the parsing thread to stop at its next SAX event; called from the caller's thread on timeout. */
    void cancel() {
        stop.compareAndSet(Stop.NONE, Stop.CANCELLED);
    }

    /** The reason extraction stopped, or {@link Stop#NONE}. */
    Stop stop() {
        return stop.get();
    }

    private ExtractionStoppedException stopWith(Stop reason) {
        stop.compareAndSet(Stop.NONE, reason);
        return new ExtractionStoppedException(stop.get());
    }
}
