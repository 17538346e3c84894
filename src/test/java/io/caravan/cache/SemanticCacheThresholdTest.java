package io.caravan.cache;

import io.caravan.embed.EmbeddingModelSpec;
import io.caravan.embed.EmbeddingModels;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Measures the semantic cache on question pairs ({@code semantic-cache/question-pairs.tsv}: 40 paraphrases, 40 near
 * misses, half of those from SciFact) under the default embedding model, with the query text the ask route embeds:
 * prints precision and recall of a hit for each threshold, and checks that the configured default threshold serves
 * no near miss.
 */
class SemanticCacheThresholdTest {

    private record Pair(boolean same, String a, String b, double cosine) {
    }

    private static List<Pair> pairs;
    private static Properties defaults;

    @BeforeAll
    static void embedPairs() throws IOException {
        defaults = new Properties();
        try (InputStream in = SemanticCacheThresholdTest.class.getResourceAsStream("/application.properties")) {
            defaults.load(in);
        }
        EmbeddingModelSpec model = EmbeddingModels.load(defaults.getProperty("caravan.embedding.model").strip());
        pairs = new ArrayList<>();
        try (InputStream in = SemanticCacheThresholdTest.class.getResourceAsStream(
                "/semantic-cache/question-pairs.tsv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] fields = line.split("\t");
                float[] a = model.model().embed(model.queryText(fields[1])).content().vector();
                float[] b = model.model().embed(model.queryText(fields[2])).content().vector();
                pairs.add(new Pair(fields[0].equals("same"), fields[1], fields[2],
                        SemanticAnswerCache.cosine(a, b)));
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static double threshold() {
        return Double.parseDouble(defaults.getProperty("caravan.cache.semantic.threshold").strip());
    }

    private static long falseHits(double threshold) {
        return pairs.stream().filter(p -> !p.same() && p.cosine() >= threshold).count();
    }

    private static long trueHits(double threshold) {
        return pairs.stream().filter(p -> p.same() && p.cosine() >= threshold).count();
    }

    @Test
    void should_measure_both_kinds_of_pairs() {
        long same = pairs.stream().filter(Pair::same).count();
        assertThat(same).isEqualTo(40);
        assertThat(pairs).hasSize(80);

        // the sweep, for the README
        StringBuilder table = new StringBuilder("threshold  hits  false-hits  precision  recall\n");
        List<Double> thresholds = new ArrayList<>();
        for (int t = 80; t <= 99; t++) {
            thresholds.add(t / 100.0);
        }
        for (int t = 991; t <= 999; t++) {
            thresholds.add(t / 1000.0);
        }
        for (double threshold : thresholds) {
            long tp = trueHits(threshold);
            long fp = falseHits(threshold);
            table.append(String.format(Locale.ROOT, "%9.3f  %4d  %10d  %9s  %6.3f%n", threshold, tp + fp, fp,
                    tp + fp == 0 ? "-" : String.format(Locale.ROOT, "%.3f", tp / (double) (tp + fp)),
                    tp / (double) same));
        }
        double maxDifferent = pairs.stream().filter(p -> !p.same()).mapToDouble(Pair::cosine).max().orElse(0);
        double minSame = pairs.stream().filter(Pair::same).mapToDouble(Pair::cosine).min().orElse(0);
        table.append(String.format(Locale.ROOT, "highest near-miss cosine %.4f, lowest paraphrase cosine %.4f%n",
                maxDifferent, minSame));
        pairs.stream().filter(p -> !p.same()).sorted((x, y) -> Double.compare(y.cosine(), x.cosine())).limit(5)
                .forEach(p -> table.append(String.format(Locale.ROOT, "  near miss %.4f: %s | %s%n", p.cosine(),
                        p.a(), p.b())));
        System.out.println(table);
    }

    @Test
    void should_serve_no_near_miss_at_the_default_threshold() {
        System.out.printf(Locale.ROOT, "default threshold %.3f: %d of 40 paraphrases served, %d near misses%n",
                threshold(), trueHits(threshold()), falseHits(threshold()));
        assertThat(falseHits(threshold()))
                .as("near misses at or above caravan.cache.semantic.threshold=%s", threshold()).isZero();
    }
}
