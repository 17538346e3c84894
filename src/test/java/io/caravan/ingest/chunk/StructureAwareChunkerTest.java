package io.caravan.ingest.chunk;

import io.caravan.embed.HuggingFaceTokenCounter;
import io.caravan.embed.TokenCounter;
import io.caravan.ingest.ParsedDocument;
import io.caravan.ingest.TextBlock;
import io.caravan.ingest.TextChunk;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

import static io.caravan.ingest.TextBlock.Kind.HEADING;
import static io.caravan.ingest.TextBlock.Kind.PARAGRAPH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StructureAwareChunkerTest {

    /** Counts one token per started ten characters of each whitespace-separated word: readable, and giant words are big. */
    static final class WordCounter implements TokenCounter {
        @Override
        public int count(String text) {
            int tokens = 0;
            for (String word : text.strip().split("\\s+")) {
                tokens += (word.length() + 9) / 10;
            }
            return tokens;
        }

        @Override
        public int maxInputTokens() {
            return 1_000;
        }
    }

    private final TokenCounter words = new WordCounter();

    @Test
    void should_give_no_chunks_for_an_empty_document() {
        // given
        ParsedDocument empty = new ParsedDocument("t", "text/plain", List.of());

        // when / then
        assertThat(new StructureAwareChunker(words, 50, 10).chunk(empty)).isEmpty();
    }

    @Test
    void should_give_one_chunk_for_a_tiny_document() {
        // given
        ParsedDocument doc = doc(paragraph("Just a few words.", List.of(), 1));

        // when
        List<TextChunk> chunks = new StructureAwareChunker(words, 50, 10).chunk(doc);

        // then
        assertThat(chunks).containsExactly(new TextChunk(0, "Just a few words.", "", 1, 4));
    }

    @Test
    void should_put_the_heading_on_the_first_line_of_its_sections_first_chunk_only() {
        // given
        List<String> path = List.of("Intro");
        ParsedDocument doc = doc(heading("Intro", path, null),
                paragraph(sentences("intro", 12), path, null),
                paragraph(sentences("more", 12), path, null));

        // when
        List<TextChunk> chunks = new StructureAwareChunker(words, 40, 0).chunk(doc);

        // then
        assertThat(chunks).hasSizeGreaterThan(1);
        assertThat(chunks.get(0).text()).startsWith("Intro\nIntro0 has four words. ");
        assertThat(chunks.subList(1, chunks.size())).allSatisfy(c -> assertThat(c.text()).doesNotStartWith("Intro\n"));
        assertThat(chunks).allSatisfy(c -> assertThat(c.section()).isEqualTo("Intro"));
    }

    @Test
    void should_pack_whole_paragraphs_and_separate_them_with_a_blank_line() {
        // given three paragraphs of 8 tokens and a budget of 20
        ParsedDocument doc = doc(paragraph(sentences("a", 2), List.of(), null),
                paragraph(sentences("b", 2), List.of(), null),
                paragraph(sentences("c", 2), List.of(), null));

        // when
        List<TextChunk> chunks = new StructureAwareChunker(words, 20, 0).chunk(doc);

        // then
        assertThat(chunks).extracting(TextChunk::text).containsExactly(
                sentences("a", 2) + "\n\n" + sentences("b", 2), sentences("c", 2));
    }

    @Test
    void should_never_mix_sections() {
        // given three short sections that would fit in one chunk together
        ParsedDocument doc = doc(
                paragraph("preamble text", List.of(), 1),
                heading("One", List.of("One"), 1),
                paragraph("alpha text", List.of("One"), 1),
                heading("Two", List.of("One", "Two"), 2),
                paragraph("beta text", List.of("One", "Two"), 2),
                paragraph("gamma text", List.of("Other"), 3));

        // when
        List<TextChunk> chunks = new StructureAwareChunker(words, 100, 10).chunk(doc);

        // then
        assertThat(chunks).extracting(TextChunk::section, TextChunk::text, TextChunk::page).containsExactly(
                org.assertj.core.groups.Tuple.tuple("", "preamble text", 1),
                org.assertj.core.groups.Tuple.tuple("One", "One\nalpha text", 1),
                org.assertj.core.groups.Tuple.tuple("One > Two", "Two\nbeta text", 2),
                org.assertj.core.groups.Tuple.tuple("Other", "gamma text", 3));
        assertThat(chunks).extracting(TextChunk::index).containsExactly(0, 1, 2, 3);
    }

    @Test
    void should_fold_a_heading_without_text_into_the_next_section_so_no_chunk_is_a_bare_heading() {
        // given "# Policy" directly above "## Trains"
        ParsedDocument doc = doc(heading("Policy", List.of("Policy"), null),
                heading("Trains", List.of("Policy", "Trains"), null),
                paragraph("first class for long trips", List.of("Policy", "Trains"), null));

        // when
        List<TextChunk> chunks = new StructureAwareChunker(words, 100, 10).chunk(doc);

        // then
        assertThat(chunks).extracting(TextChunk::section, TextChunk::text).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Policy > Trains", "Policy\nTrains\nfirst class for long trips"));
    }

    @Test
    void should_start_a_new_chunk_at_a_page_break_so_citations_name_the_right_page() {
        // given one section over pages 4 and 5
        ParsedDocument doc = doc(paragraph(sentences("p", 3), List.of("S"), 4),
                paragraph(sentences("q", 3), List.of("S"), 5),
                paragraph(sentences("r", 3), List.of("S"), 5));

        // when
        List<TextChunk> chunks = new StructureAwareChunker(words, 24, 0).chunk(doc);

        // then page 4's text is a chunk of its own although page 5's would have fitted beside it
        assertThat(chunks).extracting(TextChunk::page).containsExactly(4, 5);
        assertThat(chunks.get(0).text()).contains("P0").doesNotContain("Q0");
        assertThat(chunks.get(1).text()).contains("Q0", "R0");
    }

    @Test
    void should_overlap_consecutive_chunks_with_trailing_whole_sentences() {
        // given one long paragraph of 4-token sentences
        String text = sentences("s", 40);
        ParsedDocument doc = doc(paragraph(text, List.of(), null));

        // when
        List<TextChunk> chunks = new StructureAwareChunker(words, 30, 9).chunk(doc);

        // then each chunk starts with the last two sentences (8 tokens <= 9) of the previous one
        assertThat(chunks).hasSizeGreaterThan(3);
        for (int i = 1; i < chunks.size(); i++) {
            List<String> previous = BudgetSplitter.sentences(chunks.get(i - 1).text());
            String expectedOverlap = String.join(" ", previous.subList(previous.size() - 2, previous.size()));
            assertThat(chunks.get(i).text()).startsWith(expectedOverlap + " ");
            assertThat(chunks.get(i).tokenCount()).isLessThanOrEqualTo(30);
        }
        assertCoversWithoutGaps(doc, chunks);
    }

    @Test
    void should_not_overlap_across_sections_nor_repeat_the_heading() {
        // given
        ParsedDocument doc = doc(heading("H", List.of("H"), null), paragraph(sentences("x", 20), List.of("H"), null),
                heading("K", List.of("K"), null), paragraph(sentences("y", 3), List.of("K"), null));

        // when
        List<TextChunk> chunks = new StructureAwareChunker(words, 30, 9).chunk(doc);

        // then
        assertThat(chunks.stream().filter(c -> c.section().equals("K")).findFirst().orElseThrow().text())
                .isEqualTo("K\n" + sentences("y", 3));
        List<TextChunk> inH = chunks.stream().filter(c -> c.section().equals("H")).toList();
        assertThat(inH).hasSizeGreaterThan(1);
        assertThat(inH.subList(1, inH.size())).allSatisfy(c -> assertThat(c.text()).doesNotStartWith("H\n"));
    }

    @Test
    void should_cut_a_giant_word_by_characters_without_losing_any() {
        // given a 5000-character "word" (base64-like), 500 tokens for the fake counter
        String blob = randomBase64(new Random(7), 5_000);
        ParsedDocument doc = doc(paragraph("before " + blob + " after", List.of(), null));

        // when
        List<TextChunk> chunks = new StructureAwareChunker(words, 64, 8).chunk(doc);

        // then
        assertThat(chunks).allSatisfy(c -> assertThat(words.count(c.text())).isLessThanOrEqualTo(64));
        assertThat(String.join("", chunks.stream().map(c -> c.text().replaceAll("\\s+", "")).toList()))
                .isEqualTo("before" + blob + "after");
    }

    @Test
    void should_reject_a_budget_beyond_the_model_or_a_large_overlap() {
        assertThatThrownBy(() -> new StructureAwareChunker(words, 1_001, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StructureAwareChunker(words, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StructureAwareChunker(words, 100, 50)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StructureAwareChunker(words, 100, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void should_keep_the_budget_and_all_text_for_random_documents__word_counter() {
        Random random = new Random(42);
        for (int run = 0; run < 300; run++) {
            // given
            ParsedDocument doc = randomDocument(random, 1 + random.nextInt(12));
            int max = 5 + random.nextInt(120);
            int overlap = random.nextInt((max + 1) / 2);

            // when
            List<TextChunk> chunks = new StructureAwareChunker(words, max, overlap).chunk(doc);

            // then
            assertChunksAreSound(doc, chunks, words, max, overlap);
        }
    }

    @Test
    void should_keep_the_budget_and_all_text_for_random_documents__bge_tokenizer() {
        try (HuggingFaceTokenCounter bge = HuggingFaceTokenCounter.bgeSmallEnV15Quantized()) {
            Random random = new Random(4242);
            for (int run = 0; run < 40; run++) {
                // given
                ParsedDocument doc = randomDocument(random, 1 + random.nextInt(8));
                int max = run % 4 == 0 ? bge.maxInputTokens() : 16 + random.nextInt(200);
                int overlap = random.nextInt(max / 2);

                // when
                List<TextChunk> chunks = new StructureAwareChunker(bge, max, overlap).chunk(doc);

                // then
                assertChunksAreSound(doc, chunks, bge, max, overlap);
            }
        }
    }

    // ---- checks

    private static void assertChunksAreSound(ParsedDocument doc, List<TextChunk> chunks, TokenCounter counter,
                                             int max, int overlap) {
        for (int i = 0; i < chunks.size(); i++) {
            TextChunk chunk = chunks.get(i);
            assertThat(chunk.index()).isEqualTo(i);
            assertThat(chunk.tokenCount()).isEqualTo(counter.count(chunk.text())).isLessThanOrEqualTo(max);
            assertThat(chunk.text()).isNotBlank();
        }
        assertCoversWithoutGaps(doc, chunks);
        if (overlap == 0) {
            assertThat(squeeze(String.join("", chunks.stream().map(TextChunk::text).toList())))
                    .isEqualTo(squeeze(allText(doc)));
        }
        // every chunk's text comes from blocks of its own section, or from bare headings folded into it
        for (TextChunk chunk : chunks) {
            String sectionText = squeeze(doc.blocks().stream().filter(b -> b.sectionPath().equals(chunk.section())
                            || b.kind() == TextBlock.Kind.HEADING && chunk.section().startsWith(b.sectionPath()))
                    .map(TextBlock::text).reduce("", String::concat));
            assertThat(sectionText).contains(squeeze(chunk.text()));
        }
    }

    /** Ignoring whitespace, chunks appear in document order, each starting no later than the text covered so far. */
    private static void assertCoversWithoutGaps(ParsedDocument doc, List<TextChunk> chunks) {
        String all = squeeze(allText(doc));
        int coveredEnd = 0;
        int lastStart = 0;
        for (TextChunk chunk : chunks) {
            String text = squeeze(chunk.text());
            // the furthest occurrence that leaves no gap (texts may repeat, so the first one is not always right)
            int start = all.lastIndexOf(text, coveredEnd);
            assertThat(start).as("chunk %d in order, no gap before it", chunk.index()).isGreaterThanOrEqualTo(lastStart);
            coveredEnd = Math.max(coveredEnd, start + text.length());
            lastStart = start;
        }
        assertThat(coveredEnd).as("all text covered").isEqualTo(all.length());
    }

    private static String allText(ParsedDocument doc) {
        return String.join(" ", doc.blocks().stream().map(TextBlock::text).toList());
    }

    private static String squeeze(String text) {
        return text.replaceAll("\\s+", "");
    }

    // ---- documents

    @Test
    void should_split_a_long_table_only_between_rows_each_keeping_its_header_cells() {
        // given: a sheet of 40 rows as the parser writes them, "Header: value | ...", one block per row
        List<String> path = List.of("Budget 2026");
        List<TextBlock> blocks = new ArrayList<>(List.of(heading("Budget 2026", path, null)));
        for (int r = 0; r < 40; r++) {
            blocks.add(new TextBlock(TextBlock.Kind.TABLE_ROW, "Team: Team " + r + " | Owner: Ann. Smith | Budget: "
                    + (1000 + r) + " EUR", path, null));
        }

        // when
        List<TextChunk> chunks = new StructureAwareChunker(words, 40, 10).chunk(doc(blocks.toArray(TextBlock[]::new)));

        // then: several chunks, each line a whole row with its header names (overlap too repeats whole rows)
        assertThat(chunks).hasSizeGreaterThan(3);
        for (TextChunk chunk : chunks) {
            String rows = chunk.text().startsWith("Budget 2026\n") ? chunk.text().substring(12) : chunk.text();
            assertThat(rows.strip().split("\n+")).allSatisfy(line ->
                    assertThat(line).matches("Team: Team \\d+ \\| Owner: Ann\\. Smith \\| Budget: 10\\d\\d EUR"));
            assertThat(chunk.section()).isEqualTo("Budget 2026");
        }
        assertThat(chunks.stream().flatMap(c -> c.text().lines()).filter(l -> l.startsWith("Team:")).distinct())
                .hasSize(40);
    }

    private static ParsedDocument doc(TextBlock... blocks) {
        return new ParsedDocument("t", "text/plain", List.of(blocks));
    }

    private static TextBlock heading(String text, List<String> path, Integer page) {
        return new TextBlock(HEADING, text, path, page);
    }

    private static TextBlock paragraph(String text, List<String> path, Integer page) {
        return new TextBlock(PARAGRAPH, text, path, page);
    }

    /** {@code n} sentences of four one-token words: "P0 has four words. P1 has four words. ...". */
    private static String sentences(String prefix, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            // capitalised: the JDK's sentence rules do not break before a lower-case word
            out.add(Character.toUpperCase(prefix.charAt(0)) + prefix.substring(1) + i + " has four words.");
        }
        return String.join(" ", out);
    }

    private static ParsedDocument randomDocument(Random random, int blocks) {
        List<TextBlock> out = new ArrayList<>();
        List<String> path = List.of();
        int page = 1;
        for (int b = 0; b < blocks; b++) {
            page += random.nextInt(3) == 0 ? 1 : 0;
            if (random.nextInt(4) == 0) {
                path = List.of("Section " + b);
                out.add(heading(randomWords(random, 1 + random.nextInt(6)), path, page));
            } else {
                out.add(paragraph(randomParagraph(random), path, page));
            }
        }
        return new ParsedDocument("random", "text/plain", out);
    }

    private static String randomParagraph(Random random) {
        List<Supplier<String>> kinds = List.of(
                () -> randomSentences(random, 1 + random.nextInt(4)),
                () -> randomSentences(random, 10 + random.nextInt(80)),
                () -> randomWords(random, 300 + random.nextInt(900)), // one long sentence, no full stop
                () -> randomSentences(random, 3) + " " + randomBase64(random, 500 + random.nextInt(5_000)) + " tail.",
                () -> "東京大阪京都名古屋札幌福岡".repeat(20 + random.nextInt(200)), // no whitespace at all
                () -> "a.b,c;d".repeat(100 + random.nextInt(500)), // punctuation every character
                () -> "Größe naïve café 😀 e\u0301 " + randomSentences(random, 5));
        return kinds.get(random.nextInt(kinds.size())).get();
    }

    private static String randomSentences(Random random, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String words = randomWords(random, 3 + random.nextInt(25));
            out.add(Character.toUpperCase(words.charAt(0)) + words.substring(1) + (random.nextBoolean() ? "." : "!"));
        }
        return String.join(" ", out);
    }

    private static String randomWords(Random random, int n) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                text.append(' ');
            }
            int length = 1 + random.nextInt(random.nextInt(20) == 0 ? 30 : 9);
            for (int c = 0; c < length; c++) {
                text.append((char) ('a' + random.nextInt(26)));
            }
        }
        return text.toString();
    }

    private static String randomBase64(Random random, int length) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }
}
