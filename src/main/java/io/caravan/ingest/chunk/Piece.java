package io.caravan.ingest.chunk;

/**
 * A counted span of a section's text that fits the budget on its own; chunks are built from whole pieces.
 *
 * @param text    the span, trimmed
 * @param tokens  its exact token count
 * @param page    page of the block it comes from, or {@code null}
 * @param kind    how the span was cut, which decides how it joins its predecessor and whether it can be overlap
 * @param heading whether the span is (part of) the section heading, which is never repeated as overlap
 */
record Piece(String text, int tokens, Integer page, Kind kind, boolean heading) {

    /** How a piece was cut from its block. */
    enum Kind {
        /** a whole block. */
        BLOCK("\n\n"),
        /** a whole table row, never cut into sentences, not even as overlap. */
        ROW("\n\n"),
        /** the first sentence of a block that had to be split. */
        FIRST_SENTENCE("\n\n"),
        /** a later sentence of a split block. */
        SENTENCE(" "),
        /** words of an oversized sentence, starting at a word boundary. */
        WORDS(" "),
        /** the continuation of a word cut inside (there was no whitespace there). */
        WORD_PART("");

        private final String joiner;

        Kind(String joiner) {
            this.joiner = joiner;
        }

        /** The text between the previous piece and one of this kind; restores the original spacing. */
        String joiner() {
            return joiner;
        }

        /** Whether the piece is made of whole sentences and may be repeated as overlap. */
        boolean wholeSentences() {
            return this == BLOCK || this == ROW || this == FIRST_SENTENCE || this == SENTENCE;
        }
    }

    /** The text to put between {@code previous} and this piece in one chunk. */
    String joinerAfter(Piece previous) {
        // The heading is the chunk's first line; body text follows on the next line, as does a table's next row.
        return previous.heading && !heading || kind == Kind.ROW && previous.kind == Kind.ROW ? "\n" : kind.joiner();
    }
}
