package io.caravan.cli;

import io.caravan.CaravanRuntime;
import io.caravan.ingest.ShareFiles;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** {@code caravan ingest PATH}: indexes every file under PATH once, with a progress bar, then exits. */
@Command(name = "ingest", description = "Index every file under PATH once and exit; non-zero exit if any failed.")
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
        Map<String, String> settings = new java.util.LinkedHashMap<>(ConfigOverrides.parse(config));
        settings.put("caravan.sources.file.path", root.toString());
        List<Path> files = Files.isDirectory(path)
                ? ShareFiles.list(root).stream().map(root::resolve).toList() : List.of(path);
        try (CaravanRuntime runtime = OfflineRuntime.start(settings)) {
            Summary summary = ingest(runtime, root, files);
            summary.print(System.out);
            return summary.tally.failures().isEmpty() ? 0 : 1;
        }
    }

    /** Sends every file through direct:ingest-file, caravan.ingest.concurrency at a time, with a progress bar. */
    static Summary ingest(CaravanRuntime runtime, Path root, List<Path> files) throws InterruptedException {
        Summary summary = new Summary(files.size());
        ProducerTemplate template = runtime.context().createProducerTemplate();
        int concurrency = Integer.parseInt(runtime.context().resolvePropertyPlaceholders(
                "{{caravan.ingest.concurrency}}"));
        ExecutorService workers = Executors.newFixedThreadPool(concurrency);
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("ingest").setInitialMax(files.size())
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).setConsumer(
                        new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err)).build()) {
            for (Path file : files) {
                String relative = root.relativize(file).toString();
                workers.submit(() -> {
                    Exchange result = template.send("direct:ingest-file", e -> {
                        e.getMessage().setBody(file.toFile());
                        e.getMessage().setHeader("CaravanRelativePath", relative);
                    });
                    summary.tally.record(relative, result);
                    bar.step();
                });
            }
            workers.shutdown();
            workers.awaitTermination(365, TimeUnit.DAYS);
        }
        summary.stop();
        return summary;
    }

    /** Counts of one ingestion run. */
    static final class Summary {
        final int total;
        final long startNanos = System.nanoTime();
        long elapsedNanos;
        final IngestTally tally = new IngestTally();

        Summary(int total) {
            this.total = total;
        }

        void stop() {
            elapsedNanos = System.nanoTime() - startNanos;
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
