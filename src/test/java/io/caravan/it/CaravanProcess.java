package io.caravan.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Caravan in a JVM of its own ({@code io.caravan.Caravan run} on the test class path), for tests of several
 * instances and of processes that die: started with {@link #start}, killed without warning with {@link #kill}
 * (SIGKILL), started again on the same data directory with {@link #restart}. Its output goes to a log file.
 */
final class CaravanProcess implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final Map<String, String> config;
    private final Path log;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Process process;

    private CaravanProcess(String name, Map<String, String> config, Path log, int port) {
        this.name = name;
        this.config = Map.copyOf(config);
        this.log = log;
        this.port = port;
    }

    /** Starts a Caravan with {@code config} (plus a free HTTP port) and waits until its health answers. */
    static CaravanProcess start(String name, Map<String, String> config, Path logs) throws Exception {
        CaravanProcess caravan = new CaravanProcess(name, config, logs.resolve(name + ".log"), freePort());
        caravan.launch();
        return caravan;
    }

    String name() {
        return name;
    }

    /** Kills the process at once (SIGKILL): no shutdown hook, no flush, no lock released but by the OS. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError(name + " did not die");
        }
    }

    /** Starts the process again, with the same data directory and port. */
    void restart() throws Exception {
        launch();
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** GET {@code path}, as JSON. */
    JsonNode getJson(String path) {
        try {
            return JSON.readTree(send(HttpRequest.newBuilder(uri(path)).GET()).body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** The source role its health reports ({@code leader}, {@code follower}), or {@code down} if it does not answer. */
    String sourcesRole() {
        try {
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(uri("/api/health"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(health.body()).path("sources").asText("down");
        } catch (IOException e) {
            return "down";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "down";
        }
    }

    Path log() {
        return log;
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    private void launch() throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx768m",
                "-DCARAVAN_LOG_LEVEL=INFO", "-cp", System.getProperty("java.class.path"), "io.caravan.Caravan", "run",
                "--caravan.http.port=" + port));
        config.forEach((key, value) -> command.add("--" + key + "=" + value));
        Files.createDirectories(log.getParent());
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + "; see " + log);
            }
            if (!"down".equals(sourcesRole())) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(250);
        }
        throw new AssertionError(name + " did not answer within 180 s; see " + log);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
