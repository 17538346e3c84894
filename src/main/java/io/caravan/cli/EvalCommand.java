package io.caravan.cli;

import io.caravan.CaravanRuntime;
import io.caravan.auth.Identity;
import io.caravan.config.CaravanSettings;
import io.caravan.throttle.LlmPermits;
import io.caravan.embed.EmbeddingModelSpec;
import io.caravan.eval.BeirDataset;
import io.caravan.eval.CorpusFingerprint;
import io.caravan.eval.EvalIndexKey;
import io.caravan.eval.EvalIndexer;
import io.caravan.eval.IndexingReport;
import io.caravan.eval.EvalMode;
import io.caravan.eval.Qrels;
import io.caravan.eval.RetrievalEvaluator;
import io.caravan.eval.RetrievalEvaluator.ModeRun;
import io.caravan.eval.RetrievalMetrics;
import io.caravan.eval.TrecRunWriter;
import io.caravan.report.EvalFigures;
import io.caravan.report.EvalReportWriter;
import io.caravan.report.ReportFile;
import io.caravan.rerank.NoOpReranker;
import io.caravan.rerank.Reranker;
import io.caravan.rerank.Rerankers;
import io.caravan.retrieve.HybridRetriever;
import org.apache.camel.CamelContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code caravan eval BEIR_DIR}: indexes a BEIR corpus through the ingestion pipeline (once per corpus and indexing
 * configuration), runs the split's queries through the answering retrieval and prints nDCG@10, Recall@100 and
 * MRR@10 per mode, with timings.
 */
@Command(name = "eval", mixinStandardHelpOptions = true, description = "Measure retrieval quality on a BEIR dataset (corpus.jsonl, queries.jsonl, "
        + "qrels/<split>.tsv): nDCG@10, Recall@100 and MRR@10 per retrieval mode, plus timings.")
public class EvalCommand implements java.util.concurrent.Callable<Integer> {

    /** Chunks asked of the retriever per query, so that enough distinct documents remain after folding. */
    static final int CHUNK_CANDIDATES = 300;
    /** Documents kept per query: Recall@100 needs 100. */
    static final int DOCUMENTS_PER_QUERY = 100;

    @Parameters(index = "0", paramLabel = "BEIR_DIR", description = "folder with corpus.jsonl, queries.jsonl, qrels/")
    Path folder;

    @Option(names = "--split", defaultValue = "test", description = "qrels split: test, train, dev (default: test)")
    String split;

    @Option(names = "--mode", defaultValue = "all",
            description = "bm25, dense, hybrid, hybrid+rerank (the configured reranker, or the in-process one if "
                    + "none is), default (what /api/ask uses) or all (default: all)")
    String mode;

    @Option(names = "--run-file", paramLabel = "FILE",
            description = "write the default mode's ranking as a TREC run (qid Q0 docid rank score tag); "
                    + "runs the default mode too if --mode leaves it out")
    Path runFile;

    @Option(names = "--report", paramLabel = "FILE",
            description = "also write what is printed as a self-contained HTML file with charts (scores and query "
                    + "latency per mode; docs/benchmarks.md#reports)")
    Path reportFile;

    @CommandLine.Unmatched
    List<String> config = new ArrayList<>();

    @CommandLine.Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<EvalMode> modes;
        try {
            modes = new ArrayList<>(EvalMode.parse(mode));
        } catch (IllegalArgumentException e) {
            err.println("caravan eval: " + e.getMessage());
            return 2;
        }
        if (runFile != null && !modes.contains(EvalMode.DEFAULT)) {
            modes.add(EvalMode.DEFAULT);
        }
        BeirDataset dataset = new BeirDataset(folder);
        try {
            dataset.checkFiles(split);
        } catch (IllegalArgumentException e) {
            err.println("caravan eval: " + e.getMessage());
            return 2;
        }
        if (reportFile != null) {
            try {
                // before the run, which can take an hour, rather than after it
                ReportFile.check(reportFile);
            } catch (IllegalArgumentException e) {
                err.println("caravan eval: " + e.getMessage());
                return 2;
            }
        }
        Qrels qrels = dataset.qrels(split);
        Map<String, String> queries = judgedQueries(dataset, qrels, err);

        OfflineRuntime.quietLogs();
        // 1. the index directory is named by the corpus and every setting that changes what is indexed
        Map<String, String> overrides = ConfigOverrides.parse(config);
        List<String> keys = new ArrayList<>(EvalIndexKey.INDEXING_KEYS);
        keys.add("caravan.data-dir");
        keys.add("caravan.elasticsearch.index");
        Map<String, String> resolved = CaravanRuntime.resolve(overrides, keys);
        Path dataDir = Path.of(resolved.remove("caravan.data-dir")).toAbsolutePath().normalize();
        String productionAlias = resolved.remove("caravan.elasticsearch.index");
        EvalIndexKey key = new EvalIndexKey(CorpusFingerprint.of(dataset.corpusFile()), resolved);
        Path indexDir = dataDir.resolve("eval").resolve(key.id());
        Map<String, String> settings = new LinkedHashMap<>(overrides);
        settings.put("caravan.data-dir", indexDir.toString());
        // on Elasticsearch, an alias of its own next to the production one (same prefix, same privileges)
        settings.put("caravan.elasticsearch.index", evalAlias(productionAlias, key));

        try (CaravanRuntime runtime = OfflineRuntime.start(settings)) {
            // 2. index the corpus through direct:ingest, unless a complete index of it is already there
            IndexingReport indexing = new EvalIndexer(runtime.context(), err).index(dataset, key, indexDir);
            // the lines before the table, printed and kept for the report
            List<String> notes = new ArrayList<>();
            notes.add(indexing.describe(indexDir));
            out.println(notes.get(0));

            // 3. rank every judged query in each mode through the answering retrieval
            CamelContext context = runtime.context();
            HybridRetriever retriever = context.getRegistry().lookupByNameAndType("hybridRetriever",
                    HybridRetriever.class);
            EmbeddingModelSpec embedding = context.getRegistry().lookupByNameAndType("embeddingModelSpec",
                    EmbeddingModelSpec.class);
            Reranker askReranker = context.getRegistry().lookupByNameAndType("reranker", Reranker.class);
            Reranker evalReranker = modes.contains(EvalMode.HYBRID_RERANK)
                    ? evalReranker(askReranker, CaravanSettings.of(context), embedding)
                    : askReranker;
            RetrievalEvaluator evaluator = new RetrievalEvaluator(embedding, retriever, askReranker, evalReranker,
                    Set.of(Identity.PUBLIC), CHUNK_CANDIDATES, DOCUMENTS_PER_QUERY);
            notes.add(String.format("%d queries of split '%s'; default = configured ask retrieval "
                            + "(caravan.retrieval.mode=%s, caravan.rerank.model=%s)", queries.size(), split,
                    retriever.mode().name().toLowerCase(Locale.ROOT), askReranker.name()));
            out.println(notes.get(notes.size() - 1));
            if (modes.contains(EvalMode.HYBRID_RERANK)) {
                // not starting with the mode's name: the table's rows do
                notes.add(String.format("reranker of mode hybrid+rerank: %s", evalReranker.name()));
                out.println(notes.get(notes.size() - 1));
            }
            out.flush();
            List<ModeRun> runs = new ArrayList<>();
            for (EvalMode m : modes) {
                runs.add(evaluator.run(m, queries));
            }

            // 4. score and report
            String indexingCell = indexing.reused() ? "reused" : String.format(Locale.ROOT, "%.1f s",
                    indexing.seconds());
            List<EvalFigures.Mode> scored = runs.stream().map(run -> EvalFigures.Mode.of(run,
                    RetrievalMetrics.evaluate(queries.keySet(), run.rankedIds(), qrels))).toList();
            printTable(out, scored, indexingCell);
            if (runFile != null) {
                ModeRun defaultRun = runs.stream().filter(r -> r.mode() == EvalMode.DEFAULT).findFirst().orElseThrow();
                TrecRunWriter.write(runFile, defaultRun.rankings(), "caravan-default");
                out.println("run file: " + runFile.toAbsolutePath());
            }
            out.flush();
            boolean reported = reportFile == null || writeReport(new EvalFigures(folder.toString(), split,
                    notes, indexingCell, scored), err);
            return indexing.failed().isEmpty() && reported ? 0 : 1;
        }
    }

    /** The configured reranker, or the in-process one when reranking is off, so hybrid+rerank always reranks. */
    private static Reranker evalReranker(Reranker configured, CaravanSettings settings,
                                         EmbeddingModelSpec embedding) {
        // the in-process reranker calls no LLM: it needs no chat model and no permits
        return configured.name().equals(NoOpReranker.NAME)
                ? Rerankers.create(settings.rerank().withModel(Rerankers.IN_PROCESS_DEFAULT),
                        settings.retrieval().topK(), embedding, Optional.empty(), new LlmPermits(false, 1, Duration.ZERO))
                : configured;
    }

    /** The queries judged in the split, in qrels order; judged queries without text are reported and skipped. */
    private static Map<String, String> judgedQueries(BeirDataset dataset, Qrels qrels, PrintWriter err)
            throws IOException {
        Map<String, String> all = dataset.queries();
        Map<String, String> judged = new LinkedHashMap<>();
        int missing = 0;
        for (String queryId : qrels.queryIds()) {
            String text = all.get(queryId);
            if (text == null || text.isBlank()) {
                missing++;
            } else {
                judged.put(queryId, text);
            }
        }
        if (missing > 0) {
            err.println("caravan eval: " + missing + " judged queries have no text in queries.jsonl and are skipped");
        }
        return judged;
    }

    private static void printTable(PrintWriter out, List<EvalFigures.Mode> modes, String indexingCell) {
        String format = "%-13s %8s %10s %7s %7s %9s %8s %8s %s%n";
        out.printf(format, EvalFigures.HEADER.toArray());
        for (EvalFigures.Mode mode : modes) {
            out.printf(format, mode.cells(indexingCell).toArray());
        }
    }

    /** Writes the HTML report, saying where on {@code err} (standard output stays as it is without a report). */
    private boolean writeReport(EvalFigures figures, PrintWriter err) {
        try {
            EvalReportWriter.report(figures).write(reportFile);
            err.println("report: " + reportFile.toAbsolutePath().normalize());
            return true;
        } catch (IOException e) {
            err.println("caravan eval: " + e.getMessage());
            return false;
        }
    }

    /** The Elasticsearch alias of an evaluation index: {@code <alias>-eval-<key>}, reused by runs with that key. */
    static String evalAlias(String productionAlias, EvalIndexKey key) {
        return productionAlias + "-eval-" + key.id();
    }
}
