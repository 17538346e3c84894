package io.caravan.it;

import io.caravan.answer.Answer;
import io.caravan.answer.Question;
import io.caravan.bench.BeirCorpus;
import io.caravan.bench.LatencyStats;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cache-hit latency next to the uncached answer and its retrieval step, measured in one run: SciFact documents
 * ingested through the file share, then each of 50 SciFact queries asked through {@code direct:ask} (extractive mode,
 * no HTTP) once uncached and once from the cache. Not a test; run with
 * {@code mvn -o test -Dcaravan.bench=true -Dtest=AnswerCacheLatencyBench [-Dcaravan.bench.beir=BEIR_DIR]
 * [-Dcaravan.bench.documents=400]}.
 */
@EnabledIfSystemProperty(named = "caravan.bench", matches = "true")
class AnswerCacheLatencyBench {

    private static final int QUESTIONS = 50;
    private static final int WARMUP = 10;

    @TempDir
    Path data;
    @TempDir
    Path inbox;

    @Test
    void measure() throws Exception {
        Path beir = Path.of(System.getProperty("caravan.bench.beir", "/work/shared/eval-data/scifact/beir"));
        int documents = Integer.getInteger("caravan.bench.documents", 400);
        List<BeirCorpus.Document> corpus = BeirCorpus.readDocuments(beir.resolve("corpus.jsonl"), documents);
        List<BeirCorpus.Query> queries = BeirCorpus.readQueries(beir.resolve("queries.jsonl"), QUESTIONS + WARMUP);

        try (RunningCaravan caravan = RunningCaravan.start(data, inbox, Map.of())) {
            NotifyBuilder indexed = caravan.notifier().fromRoute("source-file").whenCompleted(corpus.size()).create();
            for (BeirCorpus.Document document : corpus) {
                Files.writeString(inbox.resolve(document.id() + ".txt"), document.fileText());
            }
            RunningCaravan.await(indexed, 1800);
            ProducerTemplate template = caravan.context().createProducerTemplate();

            for (BeirCorpus.Query query : queries.subList(QUESTIONS, queries.size())) {
                ask(template, query.text());
                ask(template, query.text());
            }
            long[] uncached = new long[QUESTIONS];
            long[] retrieve = new long[QUESTIONS];
            long[] hits = new long[QUESTIONS];
            for (int i = 0; i < QUESTIONS; i++) {
                long start = System.nanoTime();
                Answer answer = ask(template, queries.get(i).text());
                uncached[i] = System.nanoTime() - start;
                assertThat(answer.cached()).isFalse();
                retrieve[i] = answer.timings().get("retrieve") * 1_000_000;
            }
            for (int i = 0; i < QUESTIONS; i++) {
                long start = System.nanoTime();
                Answer answer = ask(template, queries.get(i).text());
                hits[i] = System.nanoTime() - start;
                assertThat(answer.cached()).isTrue();
            }
            LatencyStats ask = LatencyStats.ofNanos(uncached);
            LatencyStats retrieval = LatencyStats.ofNanos(retrieve);
            LatencyStats hit = LatencyStats.ofNanos(hits);
            System.out.printf(Locale.ROOT, "%d documents, %d queries, extractive, direct:ask%n", corpus.size(),
                    QUESTIONS);
            System.out.printf(Locale.ROOT, "uncached ask p50 %.2f ms (p90 %.2f)%n", ask.percentileMs(50),
                    ask.percentileMs(90));
            System.out.printf(Locale.ROOT, "uncached retrieve step p50 %.2f ms (ms resolution)%n",
                    retrieval.percentileMs(50));
            System.out.printf(Locale.ROOT, "cache hit p50 %.3f ms (p90 %.3f)%n", hit.percentileMs(50),
                    hit.percentileMs(90));
            System.out.printf(Locale.ROOT, "ratio uncached ask / hit p50 = %.1f; retrieve step / hit p50 = %.1f%n",
                    ask.percentileMs(50) / hit.percentileMs(50), retrieval.percentileMs(50) / hit.percentileMs(50));
        }
    }

    private static Answer ask(ProducerTemplate template, String text) {
        Question question = new Question(UUID.randomUUID().toString(), text, null, Map.of(), null,
                Set.of("public"), "bench");
        return template.requestBody("direct:ask", question, Answer.class);
    }
}
