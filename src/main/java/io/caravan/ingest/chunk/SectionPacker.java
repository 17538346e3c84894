package io.caravan.ingest.chunk;

import io.caravan.embed.TokenCounter;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Packs the pieces of one section into chunk drafts within the budget, each starting with about
 * {@code overlapTokens} of trailing whole sentences from the previous draft.
 *
 * <p>Pieces are packed by the sum of their own counts (each piece counted once); the joined text of every draft
 * is then counted exactly, and a draft over budget gives back its last piece, or its overlap, until it fits.
 * Thread safe: stateless apart from its configuration; one call's state lives in a {@link Run}.
 */
final class SectionPacker {
    private final TokenCounter counter;
    private final int budget;
    private final int overlapTokens;

    SectionPacker(TokenCounter counter, int budget, int overlapTokens) {
        this.counter = counter;
        this.budget = budget;
        this.overlapTokens = overlapTokens;
    }

    /** A chunk before numbering: its text, exact token count and the page its text starts on. */
    record Draft(String text, int tokens, Integer page) {
    }

    /** Drafts covering every piece of the section, in order. */
    List<Draft> pack(List<Piece> pieces) {
        return new Run(pieces).drafts();
    }

    /** The packing of one section. */
    private final class Run {
        private final Deque<Piece> pending;
        private final List<Draft> drafts = new ArrayList<>();
        private final List<Piece> current = new ArrayList<>();
        private int overlapPieces; // the first pieces of 'current' repeat the previous draft
        private int estimate;

        Run(List<Piece> pieces) {
            this.pending = new ArrayDeque<>(pieces);
        }

        List<Draft> drafts() {
            while (!pending.isEmpty()) {
                Piece next = pending.peekFirst();
                if (current.size() > overlapPieces && estimate + next.tokens() > budget) {
                    flush();
                    continue;
                }
                // Overlap gives way to new text: never let it push the draft over budget.
                while (overlapPieces > 0 && estimate + next.tokens() > budget) {
                    dropFirstOverlap();
                }
                current.add(pending.pollFirst());
                estimate += next.tokens();
            }
            if (current.size() > overlapPieces) {
                flush();
            }
            return drafts;
        }

        /** Emits the current draft once its exact count fits, then seeds the next one with overlap. */
        private void flush() {
            while (true) {
                String text = join(current);
                int tokens = tokensOfCurrent(text);
                if (tokens <= budget) {
                    drafts.add(new Draft(text, tokens, current.get(0).page()));
                    startNextWithOverlap();
                    return;
                }
                // The sum of piece counts underestimated the joined text: give pieces back until it fits.
                if (current.size() - overlapPieces > 1) {
                    Piece last = current.remove(current.size() - 1);
                    estimate -= last.tokens();
                    pending.addFirst(last);
                } else if (overlapPieces > 0) {
                    dropFirstOverlap();
                } else {
                    throw new IllegalStateException("a single piece exceeds the budget: " + tokens + " > " + budget);
                }
            }
        }

        /**
         * The draft's exact count. A lone piece was counted when it was cut. Pieces joined by whitespace add up:
         * the models' WordPiece tokenizers split at whitespace first (checked on all of SciFact: no difference),
         * so only a draft near the budget, or one that joins word parts, is counted again, as a safety net.
         */
        private int tokensOfCurrent(String text) {
            if (current.size() == 1) {
                return current.get(0).tokens();
            }
            boolean whitespaceJoined = current.stream().skip(1).noneMatch(p -> p.kind() == Piece.Kind.WORD_PART);
            if (whitespaceJoined && estimate + current.size() <= budget) {
                return estimate;
            }
            return counter.count(text);
        }

        private void dropFirstOverlap() {
            estimate -= current.remove(0).tokens();
            overlapPieces--;
        }

        /** Keeps the longest run of trailing whole sentences that fits in {@code overlapTokens}. */
        private void startNextWithOverlap() {
            List<Piece> overlap = overlapTokens == 0 ? List.of() : trailingSentences(current);
            current.clear();
            current.addAll(overlap);
            overlapPieces = overlap.size();
            estimate = overlap.stream().mapToInt(Piece::tokens).sum();
        }

        private List<Piece> trailingSentences(List<Piece> draft) {
            Deque<Piece> tail = new ArrayDeque<>();
            int tokens = 0;
            for (int i = draft.size() - 1; i >= 0; i--) {
                Piece piece = draft.get(i);
                if (piece.heading() || !piece.kind().wholeSentences()) {
                    break;
                }
                List<Piece> sentences = sentencesOf(piece);
                for (int s = sentences.size() - 1; s >= 0; s--) {
                    Piece sentence = sentences.get(s);
                    if (tokens + sentence.tokens() > overlapTokens) {
                        return List.copyOf(tail);
                    }
                    tail.addFirst(sentence);
                    tokens += sentence.tokens();
                }
            }
            return List.copyOf(tail);
        }

        /** A piece's sentences, last ones counted lazily: only as many as the overlap needs are counted. */
        private List<Piece> sentencesOf(Piece piece) {
            if (piece.kind() != Piece.Kind.BLOCK) {
                return List.of(piece);
            }
            List<String> texts = BudgetSplitter.sentences(piece.text());
            if (texts.size() == 1) {
                return List.of(piece);
            }
            return new LazySentences(texts, piece);
        }
    }

    /** Sentences of a block as overlap pieces, counted on first access. */
    private final class LazySentences extends java.util.AbstractList<Piece> {
        private final List<String> texts;
        private final Piece block;
        private final Piece[] counted;

        LazySentences(List<String> texts, Piece block) {
            this.texts = texts;
            this.block = block;
            this.counted = new Piece[texts.size()];
        }

        @Override
        public Piece get(int i) {
            if (counted[i] == null) {
                // The first sentence keeps the block's paragraph break; later ones join with a space.
                Piece.Kind kind = i == 0 ? Piece.Kind.FIRST_SENTENCE : Piece.Kind.SENTENCE;
                String text = texts.get(i);
                counted[i] = new Piece(text, counter.count(text), block.page(), kind, false);
            }
            return counted[i];
        }

        @Override
        public int size() {
            return texts.size();
        }
    }

    private static String join(List<Piece> pieces) {
        StringBuilder text = new StringBuilder(pieces.get(0).text());
        for (int i = 1; i < pieces.size(); i++) {
            text.append(pieces.get(i).joinerAfter(pieces.get(i - 1))).append(pieces.get(i).text());
        }
        return text.toString();
    }
}
