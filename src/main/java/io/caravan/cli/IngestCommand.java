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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

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
            return summary.failed.isEmpty() ? 0 : 1;
        }
    }

    private Summary ingest(CaravanRuntime runtime, Path root, List<Path> files) throws InterruptedException {
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
                    summary.record(relative, result);
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
        final AtomicInteger indexed = new AtomicInteger();
        final AtomicInteger unchanged = new AtomicInteger();
        final AtomicInteger chunks = new AtomicInteger();
        final Map<String, String> failed = new ConcurrentHashMap<>();

        Summary(int total) {
            this.total = total;
        }

        void record(String relative, Exchange result) {
            String outcome = result.getProperty("CaravanOutcome", String.class);
            if ("indexed".equals(outcome)) {
                indexed.incrementAndGet();
                Object body = result.getMessage().getBody();
                if (body instanceof io.caravan.index.DocumentChunks dc) {
                    chunks.addAndGet(dc.chunks().size());
                }
            } else if ("unchanged".equals(outcome)) {
                unchanged.incrementAndGet();
            } else {
                Throwable error = result.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
                if (error == null) {
                    error = result.getException();
                }
                failed.put(relative, error == null ? "failed" : String.valueOf(error.getMessage()));
            }
        }

        void stop() {
            elapsedNanos = System.nanoTime() - startNanos;
        }

        void print(PrintStream out) {
            double seconds = elapsedNanos / 1e9;
            out.printf("%d files: %d indexed (%d chunks), %d unchanged, %d failed in %.1f s (%.1f docs/s)%n",
                    total, indexed.get(), chunks.get(), unchanged.get(), failed.size(), seconds,
                    seconds > 0 ? (indexed.get() + unchanged.get()) / seconds : 0.0);
            List<String> names = new ArrayList<>(failed.keySet());
            names.sort(null);
            for (String name : names) {
                out.println("  failed: " + name + ": " + failed.get(name));
            }
        }
    }
}
