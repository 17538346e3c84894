package io.caravan.cli;

import io.caravan.CaravanRuntime;
import io.caravan.config.CaravanSettings;
import io.caravan.config.ElasticsearchIndices;
import io.caravan.index.IndexReplacement;
import io.caravan.ingest.MvStoreDocumentLedger;
import io.caravan.index.elasticsearch.ElasticsearchIndexReplacement;
import io.caravan.index.lucene.LuceneIndexReplacement;
import io.caravan.ingest.ShareFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import org.apache.lucene.util.IOUtils;

/**
 * {@code caravan reindex}: rebuilds the index from the sources with the configured model, analyzer and chunking,
 * every file of the share going through the normal ingestion pipeline into a new index, then puts it in place.
 *
 * <p>Elasticsearch, without downtime: the new index is built behind a staging alias
 * ({@code <alias>-reindex-<seconds>}) while searches keep using the old one; the alias then moves to it in one
 * atomic alias update, files changed meanwhile are caught up, the old index is deleted. Lucene: Caravan must be
 * stopped (the index is locked while it runs); the new index is built under {@code <data-dir>/reindex/}, then
 * replaces {@code <data-dir>/index} and the ledger.
 */
@Command(name = "reindex", mixinStandardHelpOptions = true, description = "Rebuild the index from the share with the configured embedding model, "
        + "analyzer and chunking (Elasticsearch: alongside the live index, then switched atomically).")
public class ReindexCommand implements Callable<Integer> {

    @CommandLine.Unmatched
    List<String> config = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        OfflineRuntime.quietLogs();
        Map<String, String> overrides = ConfigOverrides.parse(config);
        CaravanSettings resolved = CaravanRuntime.settings(overrides);
        Path dataDir = resolved.store().dataDir();
        Path share = resolved.sources().file().path();
        if (!Files.isDirectory(share)) {
            System.err.println("caravan reindex: the share " + share + " (caravan.sources.file.path) is not a folder");
            return 2;
        }
        Path work = dataDir.resolve("reindex");
        IOUtils.rm(work);
        Map<String, String> settings = new LinkedHashMap<>(overrides);
        settings.put("caravan.data-dir", work.toString());
        settings.put("caravan.sources.file.path", share.toString());
        List<Path> files = ShareFiles.list(share).stream().map(share::resolve).toList();
        return switch (resolved.store().kind()) {
            case "elasticsearch" -> {
                String alias = resolved.store().elasticsearchIndex();
                String staging = ElasticsearchIndexReplacement.stagingAlias(alias);
                settings.put("caravan.elasticsearch.index", staging);
                yield rebuild(settings, share, files, work,
                        runtime -> ElasticsearchIndices.replacement(runtime.context(), alias, staging));
            }
            case "lucene" -> {
                IndexReplacement replacement = new LuceneIndexReplacement(dataDir, work,
                        MvStoreDocumentLedger.FILE_NAME);
                yield rebuild(settings, share, files, work, runtime -> replacement);
            }
            default -> {
                System.err.println("caravan reindex: unknown caravan.store " + resolved.store().kind());
                yield 2;
            }
        };
    }

    /**
     * Builds the new index with a runtime on {@code work}, then has the engine put it in place: while that runtime
     * still runs when the engine switches without downtime (then catching up files changed meanwhile), else once
     * it stopped.
     */
    private static int rebuild(Map<String, String> settings, Path share, List<Path> files, Path work,
                               Function<CaravanRuntime, IndexReplacement> replacementOf) throws Exception {
        try {
            IndexReplacement replacement;
            IngestCommand.Summary built;
            try (CaravanRuntime runtime = OfflineRuntime.start(settings)) {
                replacement = replacementOf.apply(runtime);
                try {
                    replacement.checkReplaceable();
                } catch (IllegalStateException refused) {
                    System.err.println("caravan reindex: " + refused.getMessage());
                    return 2;
                }
                // 1. the new index, beside the live one
                built = IngestCommand.ingest(runtime, share, files);
                built.print(System.out);
                if (replacement.replacesWhileServing()) {
                    // 2. searches go from the old index to the new one without a gap
                    replacement.replace();
                    // 3. files changed during the build: unchanged ones are skipped by content hash, changed ones
                    // rewritten
                    IngestCommand.Summary caughtUp = IngestCommand.ingest(runtime, share,
                            ShareFiles.list(share).stream().map(share::resolve).toList());
                    System.out.printf("%d files caught up%n", caughtUp.tally.indexed());
                }
            }
            if (!replacement.replacesWhileServing()) {
                replacement.replace();
            }
            System.out.println(replacement.dropOld());
            return built.tally.failures().isEmpty() ? 0 : 1;
        } finally {
            IOUtils.rm(work);
        }
    }
}
