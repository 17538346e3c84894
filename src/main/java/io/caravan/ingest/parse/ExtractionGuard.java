package io.caravan.ingest.parse;

import java.util.concurrent.atomic.AtomicLong;
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
    enum Stop { NONE, CHARACTERS, EMBEDDED_DEPTH, OCR_PAGES, CANCELLED }

    private final long maxCharacters;
    private final AtomicReference<Stop> stop = new AtomicReference<>(Stop.NONE);
    private final AtomicLong deadline;
    private final long ocrPageNanos;
    private final int maxOcrPages;
    private long characters;
    private int ocrPages;

    ExtractionGuard(long maxCharacters) {
        this(maxCharacters, Long.MAX_VALUE, 0, 0);
    }

    /**
     * @param deadline     when the parse must have ended, in {@link System#nanoTime()}
     * @param ocrPageNanos time each page or image that may be OCRed adds to the deadline (0: no OCR)
     * @param maxOcrPages  most pages OCRed before extraction stops (0: no limit)
     */
    ExtractionGuard(long maxCharacters, long deadline, long ocrPageNanos, int maxOcrPages) {
        this.maxCharacters = maxCharacters;
        this.deadline = new AtomicLong(deadline);
        this.ocrPageNanos = ocrPageNanos;
        this.maxOcrPages = maxOcrPages;
    }

    /**
     * A page that OCR may read begins (a PDF page, an image): the parse gets that page's OCR time on top of its
     * own, so a 40-page scan is not held to a text document's timeout, while a parser stuck on one page still is.
     */
    void ocrPageAhead() {
        if (ocrPageNanos > 0) {
            deadline.getAndUpdate(d -> d > Long.MAX_VALUE - ocrPageNanos ? d : d + ocrPageNanos);
        }
    }

    /** A page's OCR text arrives; stops extraction past the page limit. */
    void ocrPageRead() throws ExtractionStoppedException {
        ocrPages++;
        if (maxOcrPages > 0 && ocrPages > maxOcrPages) {
            throw stopWith(Stop.OCR_PAGES);
        }
    }

    /** When the parse must have ended, in {@link System#nanoTime()}; read by the caller's thread while it waits. */
    long deadline() {
        return deadline.get();
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
