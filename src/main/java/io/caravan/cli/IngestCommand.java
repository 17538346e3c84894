package io.caravan.cli;

import io.caravan.CaravanRuntime;
import io.caravan.batch.BatchIngestion;
import io.caravan.batch.BatchProgress;
import io.caravan.batch.IngestTally;
import io.caravan.config.CaravanSettings;
import io.caravan.ingest.ShareFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code caravan ingest PATH}: indexes every file under PATH once, showing the progress, then exits. */
@Command(name = "ingest", mixinStandardHelpOptions = true, description = "Index every file under PATH once and exit; non-zero exit if any failed.")
public class IngestCommand implements java.util.concurrent.Callable<Integer> {

    @Parameters(index = "0", paramLabel = "PATH", description = "folder (or file) to ingest")
    Path path;

    @CommandLine.Unmatched
    List<String> config = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        if (!Files.exists(path)) {
            System.err.println("caravan ingest: " + path + " does not exist");
            return 2;
        }
        Path root = Files.isDirectory(path) ? path : path.getParent();
        Map<String, String> settings = new LinkedHashMap<>(ConfigOverrides.parse(config));
        settings.put("caravan.sources.file.path", root.toString());
        List<Path> files = Files.isDirectory(path)
                ? ShareFiles.list(root).stream().map(root::resolve).toList() : List.of(path);
        try (CaravanRuntime runtime = OfflineRuntime.start(settings)) {
            Summary summary = ingest(runtime, root, files);
            summary.print(System.out);
            return summary.tally.failures().isEmpty() ? 0 : 1;
        }
    }

    /** Sends every file through the pipeline, caravan.ingest.concurrency at a time, showing the progress. */
    static Summary ingest(CaravanRuntime runtime, Path root, List<Path> files) throws InterruptedException {
        try (BatchIngestion batch = new BatchIngestion(runtime.context(),
                CaravanSettings.of(runtime.context()).ingest().concurrency(), "caravan-ingest-",
                BatchProgress.onStandardError("ingest", files.size()))) {
            batch.ingestFiles(root, files);
            return new Summary(files.size(), batch.elapsedNanos(), batch.tally());
        }
    }

    /** Counts of one ingestion run; {@code reindex} reads its tally too. */
    static final class Summary {
        final int total;
        final long elapsedNanos;
        final IngestTally tally;

        Summary(int total, long elapsedNanos, IngestTally tally) {
            this.total = total;
            this.elapsedNanos = elapsedNanos;
            this.tally = tally;
        }

        void print(PrintStream out) {
            double seconds = elapsedNanos / 1e9;
            Map<String, String> failures = tally.failures();
            out.printf("%d files: %d indexed (%d chunks), %d unchanged, %d failed in %.1f s (%.1f docs/s)%n",
                    total, tally.indexed(), tally.chunks(), tally.unchanged(), failures.size(), seconds,
                    seconds > 0 ? (tally.indexed() + tally.unchanged()) / seconds : 0.0);
            failures.forEach((name, reason) -> out.println("  failed: " + name + ": " + reason));
        }
    }
}
