package io.caravan.index;

import java.io.IOException;

/**
 * Puts an index built beside the live one in its place, the engine administration behind {@code caravan reindex}.
 * The caller builds the new index with a Caravan runtime of its own, then calls {@link #replace()} (while that
 * runtime still runs when {@link #replacesWhileServing()}, else once it stopped) and {@link #dropOld()}.
 */
public interface IndexReplacement {

    /**
     * Whether the live index is replaced while Caravan keeps serving it, searches moving to the new one without a
     * gap (files changed during the build are then caught up by the build's runtime), rather than once stopped.
     */
    boolean replacesWhileServing();

    /**
     * Checks, before the build, that the live index may be replaced.
     *
     * @throws IllegalStateException saying why not (Lucene: a running Caravan holds the live index)
     */
    void checkReplaceable() throws IOException;

    /** Puts the new index in place of the live one; the old one is kept until {@link #dropOld()}. */
    void replace() throws IOException;

    /** Deletes the old index and what the build named; returns what now serves and what was deleted, for the user. */
    String dropOld() throws IOException;
}
