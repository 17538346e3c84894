package io.caravan.cli;

import io.caravan.CaravanRuntime;
import io.caravan.config.ElasticsearchIndices;
import io.caravan.ingest.ShareFiles;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.Lock;
import org.apache.lucene.store.LockObtainFailedException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

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
@Command(name = "reindex", description = "Rebuild the index from the share with the configured embedding model, "
        + "analyzer and chunking (Elasticsearch: alongside the live index, then switched atomically).")
public class ReindexCommand implements Callable<Integer> {

    @CommandLine.Unmatched
    List<String> config = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        OfflineRuntime.quietLogs();
        Map<String, String> overrides = ConfigOverrides.parse(config);
        Map<String, String> resolved = CaravanRuntime.resolve(overrides, List.of("caravan.store", "caravan.data-dir",
                "caravan.sources.file.path", "caravan.elasticsearch.index"));
        Path dataDir = Path.of(resolved.get("caravan.data-dir")).toAbsolutePath().normalize();
        Path share = Path.of(resolved.get("caravan.sources.file.path")).toAbsolutePath().normalize();
        if (!Files.isDirectory(share)) {
            System.err.println("caravan reindex: the share " + share + " (caravan.sources.file.path) is not a folder");
            return 2;
        }
        Path work = dataDir.resolve("reindex");
        deleteRecursively(work);
        Map<String, String> settings = new LinkedHashMap<>(overrides);
        settings.put("caravan.data-dir", work.toString());
        settings.put("caravan.sources.file.path", share.toString());
        List<Path> files = ShareFiles.list(share).stream().map(share::resolve).toList();
        return switch (resolved.get("caravan.store")) {
            case "elasticsearch" -> onElasticsearch(settings, resolved.get("caravan.elasticsearch.index"), share,
                    files, work);
            case "lucene" -> onLucene(settings, dataDir, share, files, work);
            default -> {
                System.err.println("caravan reindex: unknown caravan.store " + resolved.get("caravan.store"));
                yield 2;
            }
        };
    }

    private static int onElasticsearch(Map<String, String> settings, String alias, Path share, List<Path> files,
                                       Path work) throws Exception {
        String staging = alias + "-reindex-" + System.currentTimeMillis() / 1000;
        settings.put("caravan.elasticsearch.index", staging);
        try (CaravanRuntime runtime = OfflineRuntime.start(settings)) {
            // 1. the new index, behind the staging alias; searches still use the old one
            IngestCommand.Summary built = IngestCommand.ingest(runtime, share, files);
            built.print(System.out);
            // 2. one atomic alias update: searches go from the old index to the new one
            List<String> old = ElasticsearchIndices.moveAlias(runtime.context(), alias, staging);
            // 3. files changed during the build: unchanged ones are skipped by content hash, changed ones rewritten
            IngestCommand.Summary caughtUp = IngestCommand.ingest(runtime, share,
                    ShareFiles.list(share).stream().map(share::resolve).toList());
            ElasticsearchIndices.dropStaging(runtime.context(), staging, old);
            System.out.printf("alias %s now points at %s (%d files caught up); deleted %s%n", alias,
                    ElasticsearchIndices.indicesBehind(runtime.context(), alias), caughtUp.tally.indexed(), old);
            return built.tally.failures().isEmpty() ? 0 : 1;
        } finally {
            deleteRecursively(work);
        }
    }

    private static int onLucene(Map<String, String> settings, Path dataDir, Path share, List<Path> files, Path work)
            throws Exception {
        Path live = dataDir.resolve("index");
        if (isLocked(live)) {
            System.err.println("caravan reindex: " + live + " is in use; stop Caravan first (on Lucene the "
                    + "rebuilt index replaces the live one)");
            return 2;
        }
        IngestCommand.Summary built;
        try (CaravanRuntime runtime = OfflineRuntime.start(settings)) {
            built = IngestCommand.ingest(runtime, share, files);
            built.print(System.out);
        }
        // the new index and its ledger replace the old ones; the old ones are kept until both are in place
        Path oldIndex = dataDir.resolve("index.old");
        Path oldLedger = dataDir.resolve("ledger.mv.db.old");
        deleteRecursively(oldIndex);
        Files.deleteIfExists(oldLedger);
        if (Files.exists(live)) {
            Files.move(live, oldIndex, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(work.resolve("index"), live, StandardCopyOption.ATOMIC_MOVE);
        if (Files.exists(dataDir.resolve("ledger.mv.db"))) {
            Files.move(dataDir.resolve("ledger.mv.db"), oldLedger, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(work.resolve("ledger.mv.db"), dataDir.resolve("ledger.mv.db"), StandardCopyOption.ATOMIC_MOVE);
        deleteRecursively(oldIndex);
        Files.deleteIfExists(oldLedger);
        deleteRecursively(work);
        System.out.println("index " + live + " rebuilt and replaced");
        return built.tally.failures().isEmpty() ? 0 : 1;
    }

    /** Whether a running Caravan holds the Lucene index's write lock. */
    private static boolean isLocked(Path index) throws IOException {
        if (!Files.isDirectory(index)) {
            return false;
        }
        try (Directory directory = FSDirectory.open(index);
             Lock lock = directory.obtainLock(IndexWriter.WRITE_LOCK_NAME)) {
            return false;
        } catch (LockObtainFailedException e) {
            return true;
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
