package io.caravan.ingest.chunk;

import io.caravan.embed.TokenCounter;
import io.caravan.ingest.DocumentChunker;
import io.caravan.ingest.ParsedDocument;
import io.caravan.ingest.TextBlock;
import io.caravan.ingest.TextChunk;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Chunks a document section by section, packing whole paragraphs up to a token budget and cutting only
 * oversized paragraphs (at sentences, then words, then characters), so no chunk ever exceeds the budget
 * and no text is dropped.
 *
 * <p>A section is a heading and the blocks under it (or the blocks before the first heading); chunks never
 * span two sections. The heading is the first line of its section's first chunk only; the section path is
 * kept in {@link TextChunk#section()} rather than repeated in the text. A page change also starts a new
 * chunk, so a citation's page is the page its text is on. Consecutive chunks of a section share about
 * {@code overlapTokens} of trailing whole sentences (none when the last sentence alone is larger).
 *
 * <p>Thread safe if the counter is: it holds only immutable configuration.
 */
public final class StructureAwareChunker implements DocumentChunker {
    private final int maxChunkTokens;
    private final int overlapTokens;
    private final BudgetSplitter splitter;
    private final SectionPacker packer;

    /**
     * Creates a chunker.
     *
     * @param counter        counts tokens as the embedding model does
     * @param maxChunkTokens the most tokens in a chunk, at most {@code counter.maxInputTokens()}
     * @param overlapTokens  tokens of trailing sentences repeated in the next chunk, under half the budget
     */
    public StructureAwareChunker(TokenCounter counter, int maxChunkTokens, int overlapTokens) {
        Objects.requireNonNull(counter, "counter");
        if (maxChunkTokens < 1 || maxChunkTokens > counter.maxInputTokens()) {
            throw new IllegalArgumentException("maxChunkTokens must be between 1 and the model's "
                    + counter.maxInputTokens() + " input tokens, was " + maxChunkTokens);
        }
        if (overlapTokens < 0 || 2 * overlapTokens >= maxChunkTokens) {
            throw new IllegalArgumentException(
                    "overlapTokens must be at least 0 and under half of maxChunkTokens, was " + overlapTokens);
        }
        this.maxChunkTokens = maxChunkTokens;
        this.overlapTokens = overlapTokens;
        this.splitter = new BudgetSplitter(counter, maxChunkTokens);
        this.packer = new SectionPacker(counter, maxChunkTokens, overlapTokens);
    }

    @Override
    public List<TextChunk> chunk(ParsedDocument document) {
        List<TextChunk> chunks = new ArrayList<>();
        for (List<TextBlock> section : sections(foldBareHeadings(document.blocks()))) {
            String path = section.get(0).sectionPath();
            for (SectionPacker.Draft draft : packer.pack(pieces(section))) {
                chunks.add(new TextChunk(chunks.size(), draft.text(), path, draft.page(), draft.tokens()));
            }
        }
        return chunks;
    }

    /**
     * Joins a heading that has no text of its own ("# Policy" straight above "## Trains") to the sub-heading below it,
     * so no chunk is a bare heading and the outer title still reaches the text it introduces.
     */
    private static List<TextBlock> foldBareHeadings(List<TextBlock> blocks) {
        List<TextBlock> folded = new ArrayList<>(blocks.size());
        TextBlock pending = null;
        for (TextBlock block : blocks) {
            if (block.text().isBlank()) {
                continue;
            }
            if (pending != null && block.kind() == TextBlock.Kind.HEADING && isNestedUnder(block, pending)) {
                block = new TextBlock(TextBlock.Kind.HEADING, pending.text() + "\n" + block.text(), block.section(),
                        pending.page() != null ? pending.page() : block.page());
                pending = null;
            }
            if (pending != null) {
                folded.add(pending);
                pending = null;
            }
            if (block.kind() == TextBlock.Kind.HEADING) {
                pending = block;
            } else {
                folded.add(block);
            }
        }
        if (pending != null) {
            folded.add(pending);
        }
        return folded;
    }

    private static boolean isNestedUnder(TextBlock inner, TextBlock outer) {
        List<String> path = inner.section();
        return path.size() > outer.section().size() && path.subList(0, outer.section().size()).equals(outer.section());
    }

    /** Splits blocks into sections: a heading, a change of heading path, or a change of page starts a new one. */
    private static List<List<TextBlock>> sections(List<TextBlock> blocks) {
        List<List<TextBlock>> sections = new ArrayList<>();
        List<TextBlock> current = new ArrayList<>();
        for (TextBlock block : blocks) {
            if (block.text().isBlank()) {
                continue;
            }
            boolean startsSection = block.kind() == TextBlock.Kind.HEADING
                    || !current.isEmpty() && !current.get(0).section().equals(block.section())
                    || !current.isEmpty() && !Objects.equals(current.get(current.size() - 1).page(), block.page());
            if (startsSection && !current.isEmpty()) {
                sections.add(current);
                current = new ArrayList<>();
            }
            current.add(block);
        }
        if (!current.isEmpty()) {
            sections.add(current);
        }
        return sections;
    }

    private List<Piece> pieces(List<TextBlock> section) {
        List<Piece> pieces = new ArrayList<>();
        for (TextBlock block : section) {
            if (block.kind() == TextBlock.Kind.TABLE_ROW) {
                pieces.addAll(splitter.splitRow(block.text(), block.page()));
            } else {
                pieces.addAll(splitter.split(block.text(), block.page(), block.kind() == TextBlock.Kind.HEADING));
            }
        }
        return pieces;
    }

    @Override
    public String toString() {
        return "StructureAwareChunker[maxChunkTokens=" + maxChunkTokens + ", overlapTokens=" + overlapTokens + "]";
    }
}
