package io.caravan.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import io.caravan.bench.BeirCorpus;
import io.caravan.embed.EmbeddingModels;
import io.caravan.ingest.ParsedDocument;
import io.caravan.ingest.SourceDocument;
import io.caravan.ingest.TextBlock;
import io.caravan.ingest.parse.OcrOptions;
import io.caravan.ingest.parse.ScannedPages;
import io.caravan.ingest.parse.TesseractProbe;
import io.caravan.ingest.parse.TikaDocumentParser;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Font;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How well Caravan reads the documents people really have (docs/benchmarks.md#scans-and-tables), on documents made
 * in the run: the character error rate of OCR on scanned pages rendered from known SciFact text (three fonts, three
 * sizes, straight and turned 1°), OCR seconds per page next to the seconds to embed that page's text, and how often a
 * question about one table cell (DOCX and XLSX) is answered with a citation whose passage holds that cell. Not a
 * test; run with {@code mvn -o test -Dcaravan.bench=true -Dtest=DocumentQualityBench}.
 */
@EnabledIfSystemProperty(named = "caravan.bench", matches = "true")
class DocumentQualityBench {

    @TempDir
    Path data;
    @TempDir
    Path inbox;

    @Test
    void measure() throws Exception {
        String part = System.getProperty("caravan.bench.part", "all");
        if (!part.equals("tables")) {
            ocr();
        }
        if (!part.equals("ocr")) {
            tableQa();
        }
    }

    private void ocr() throws Exception {
        Path beir = Path.of(System.getProperty("caravan.bench.beir", "/work/shared/eval-data/scifact/beir"));
        List<BeirCorpus.Document> corpus = BeirCorpus.readDocuments(beir.resolve("corpus.jsonl"), 60);
        OcrOptions ocr = new OcrOptions(OcrOptions.Mode.AUTO, "eng", Duration.ofSeconds(120), 10,
                TesseractProbe.unavailableReason("tesseract", "eng"));
        assertThat(ocr.unavailableReason()).isNull();
        TikaDocumentParser parser = new TikaDocumentParser(50_000_000, Duration.ofMinutes(5), 10_000_000, 5, ocr);
        EmbeddingModel embedder = EmbeddingModels.load(EmbeddingModels.BGE_SMALL_EN_V15_Q).model();
        Map<String, List<Double>> cerBy = new LinkedHashMap<>();
        List<Double> all = new ArrayList<>();
        List<Double> ocrSeconds = new ArrayList<>();
        List<Double> embedSeconds = new ArrayList<>();
        int doc = 0;
        for (String font : List.of(Font.SERIF, Font.SANS_SERIF, Font.MONOSPACED)) {
            for (int points : new int[]{10, 12, 16}) {
                for (double degrees : new double[]{0, 1.0}) {
                    List<String> lines = lines(corpus.get(doc++).text(), points >= 16 ? 48 : 62, 14);
                    String truth = String.join(" ", lines);
                    byte[] pdf = ScannedPages.pdf(ScannedPages.page(font, points, degrees,
                            lines.toArray(String[]::new)));
                    long start = System.nanoTime();
                    ParsedDocument parsed = parser.parse(new SourceDocument("scan.pdf", "file", "scan.pdf", pdf,
                            "0".repeat(64), List.of("public"), null));
                    ocrSeconds.add((System.nanoTime() - start) / 1e9);
                    String read = String.join(" ", parsed.blocks().stream().map(TextBlock::text).toList());
                    start = System.nanoTime();
                    embedder.embed(TextSegment.from(read));
                    embedSeconds.add((System.nanoTime() - start) / 1e9);
                    double cer = characterErrorRate(read, truth);
                    all.add(cer);
                    cerBy.computeIfAbsent("font " + font, k -> new ArrayList<>()).add(cer);
                    cerBy.computeIfAbsent(points + " pt", k -> new ArrayList<>()).add(cer);
                    cerBy.computeIfAbsent((degrees == 0 ? "straight" : "turned 1°"), k -> new ArrayList<>()).add(cer);
                }
            }
        }
        System.out.printf(Locale.ROOT, "ocr: pages=%d CER mean %.4f median %.4f max %.4f%n", all.size(), mean(all),
                median(all), all.stream().mapToDouble(d -> d).max().orElse(0));
        cerBy.forEach((group, values) -> System.out.printf(Locale.ROOT, "ocr: CER %-18s %.4f (%d pages)%n", group,
                mean(values), values.size()));
        System.out.printf(Locale.ROOT, "ocr: seconds per page OCR median %.2f, embedding that page's text median %.3f,"
                + " ratio %.0f%n", median(ocrSeconds), median(embedSeconds), median(ocrSeconds) / median(embedSeconds));
    }

    private void tableQa() throws Exception {
        Random random = new Random(20261203);
        String[] warehouses = {"Bergen", "Oslo", "Lyon", "Porto", "Gdansk", "Malmo"};
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            rows.add(new String[]{"PX-" + (4100 + i * 7), "Item " + word(random) + " " + word(random),
                    warehouses[random.nextInt(warehouses.length)], Integer.toString(100 + random.nextInt(9000))});
        }
        String[] header = {"Product code", "Product", "Warehouse", "Units in stock"};
        List<String[]> docxRows = new ArrayList<>();
        docxRows.add(header);
        docxRows.addAll(rows.subList(0, 30));
        List<Object[]> xlsxRows = new ArrayList<>();
        xlsxRows.add(header);
        rows.subList(30, 60).forEach(r -> xlsxRows.add(new Object[]{r[0], r[1], r[2], Integer.parseInt(r[3])}));
        try (RunningCaravan caravan = RunningCaravan.start(data, inbox, Map.of("caravan.jms.enabled", "false",
                "caravan.cache.enabled", "false"))) {
            NotifyBuilder done = caravan.notifier().fromRoute("source-file").whenDone(2).create();
            Fixtures.docxTable(inbox.resolve("stock-north.docx"), "Stock by product, northern warehouses.",
                    docxRows.toArray(String[][]::new));
            Fixtures.xlsx(inbox.resolve("stock-south.xlsx"), "Stock", xlsxRows.toArray(Object[][]::new));
            RunningCaravan.await(done, 120);
            int quoted = 0;
            int shown = 0;
            for (String[] row : rows) {
                JsonNode answer = RunningCaravan.json(caravan.ask("How many units of product " + row[0]
                        + " are in stock?"));
                boolean inQuote = false;
                boolean inSnippet = false;
                for (JsonNode citation : answer.get("citations")) {
                    inQuote |= holdsCell(citation.path("quote").asText(""), row);
                    inSnippet |= holdsCell(citation.get("snippet").asText(), row);
                }
                quoted += inQuote ? 1 : 0;
                shown += inSnippet ? 1 : 0;
                if (!inQuote && Boolean.getBoolean("caravan.bench.verbose")) {
                    System.out.println("table-qa miss: " + row[0] + " " + row[3] + " -> " + answer.get("answer")
                            .asText() + " " + answer.get("citations").findValuesAsText("quote"));
                }
            }
            System.out.printf(Locale.ROOT, "table-qa: questions=%d the cited sentence (quote) holds the cell %d "
                    + "(%.3f), the cited passage's snippet shows it %d (%.3f)%n", rows.size(), quoted,
                    quoted / (double) rows.size(), shown, shown / (double) rows.size());
        }
    }

    // the row's line, "Product code: PX-4107 | ... | Units in stock: 5234", or the XLSX number written as 5234.0
    private static boolean holdsCell(String snippet, String[] row) {
        return Arrays.stream(snippet.split("\\n")).anyMatch(line -> line.contains("Product code: " + row[0] + " ")
                && (line.contains("Units in stock: " + row[3]) || line.contains("Units in stock: " + row[3] + ".0")));
    }

    private static String word(Random random) {
        String[] words = {"bolt", "valve", "hinge", "gasket", "bracket", "spring", "washer", "flange", "rivet", "clamp"};
        return words[random.nextInt(words.length)];
    }

    private static List<String> lines(String text, int width, int max) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split("\\s+")) {
            if (line.length() + word.length() + 1 > width) {
                lines.add(line.toString());
                line.setLength(0);
                if (lines.size() == max) {
                    return lines;
                }
            }
            if (!line.isEmpty()) {
                line.append(' ');
            }
            line.append(word);
        }
        if (!line.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }

    /** Edits (insert, delete, substitute) from the OCR text to the truth, per character of the truth. */
    static double characterErrorRate(String read, String truth) {
        String a = read.replaceAll("\\s+", " ").strip();
        String b = truth.replaceAll("\\s+", " ").strip();
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()] / (double) Math.max(1, b.length());
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(d -> d).average().orElse(0);
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(d -> d).sorted().toArray();
        return sorted.length == 0 ? 0 : sorted[sorted.length / 2];
    }
}
