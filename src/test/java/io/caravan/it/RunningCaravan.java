package io.caravan.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.caravan.CaravanRuntime;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The real application, booted in this JVM on a temporary data directory and share, reached over HTTP. */
public final class RunningCaravan implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final CaravanRuntime runtime;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private RunningCaravan(CaravanRuntime runtime, int port) {
        this.runtime = runtime;
        this.port = port;
    }

    /** Starts Caravan with its defaults, the given directories, a free port, fast polling and {@code extra}. */
    public static RunningCaravan start(Path dataDir, Path inbox, Map<String, String> extra) throws Exception {
        return start(dataDir, inbox, extra, notify -> null).caravan;
    }

    /**
     * Starts Caravan like {@link #start(Path, Path, Map)} with an expectation registered before any route runs,
     * so exchanges completed during start-up are counted too.
     */
    public static Started start(Path dataDir, Path inbox, Map<String, String> extra,
                                java.util.function.Function<NotifyBuilder, NotifyBuilder> expectation)
            throws Exception {
        int port = freePort();
        Map<String, String> config = new LinkedHashMap<>();
        config.put("caravan.data-dir", dataDir.toString());
        config.put("caravan.sources.file.path", inbox.toString());
        config.put("caravan.http.port", Integer.toString(port));
        config.put("caravan.jms.broker-url", "tcp://127.0.0.1:" + freePort());
        config.put("caravan.sources.file.poll-interval", "200ms");
        config.put("caravan.sources.file.stable-for", "300ms");
        config.put("caravan.sources.file.reconcile-interval", "1s");
        // tests ask from one address faster than a person would; the tests of the limit set their own
        config.put("caravan.ask.rate-limit-per-minute", "0");
        config.putAll(extra);
        NotifyBuilder[] notify = new NotifyBuilder[1];
        CaravanRuntime runtime = new CaravanRuntime(config)
                .beforeStart(context -> {
                    NotifyBuilder builder = expectation.apply(new NotifyBuilder(context));
                    notify[0] = builder == null ? null : builder.create();
                })
                .start();
        return new Started(new RunningCaravan(runtime, port), notify[0]);
    }

    /**
     * A started Caravan and the expectation registered before its routes ran.
     *
     * @param caravan the running application
     * @param expectation the expectation, or {@code null}
     */
    public record Started(RunningCaravan caravan, NotifyBuilder expectation) {
    }

    /** The JMS broker URL this Caravan uses (its embedded broker's, unless configured otherwise). */
    public String brokerUrl() {
        return context().resolvePropertyPlaceholders("{{caravan.jms.broker-url}}");
    }

    public CamelContext context() {
        return runtime.context();
    }

    /** A builder for waiting on exchanges of this context, e.g. {@code notifier().fromRoute("source-file")}. */
    public NotifyBuilder notifier() {
        return new NotifyBuilder(context());
    }

    /** Waits until {@code notify} matches, failing the test after {@code seconds}. */
    public static void await(NotifyBuilder notify, int seconds) {
        if (!notify.matches(seconds, TimeUnit.SECONDS)) {
            throw new AssertionError("not done within " + seconds + "s: " + notify);
        }
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    public HttpResponse<String> delete(String path) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE());
    }

    public HttpResponse<String> post(String path, String contentType, String body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public HttpResponse<String> post(String path, String contentType, byte[] body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** POST /api/ask with {@code {"question": question}}. */
    public HttpResponse<String> ask(String question) {
        try {
            return post("/api/ask", "application/json",
                    JSON.writeValueAsString(Map.of("question", question)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** POST /api/ask with {@code {"question": question}} asking for server-sent events; the body once it ended. */
    public HttpResponse<String> askStreaming(String question) {
        try {
            return send(HttpRequest.newBuilder(uri("/api/ask")).header("Content-Type", "application/json")
                    .header("Accept", "text/event-stream")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("question", question)))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One server-sent event: its name and its data (JSON). */
    public record Event(String name, JsonNode data) {
    }

    /** The events of a text/event-stream body, in order. */
    public static java.util.List<Event> events(HttpResponse<String> response) {
        java.util.List<Event> events = new java.util.ArrayList<>();
        for (String block : response.body().split("\n\n")) {
            String name = null;
            String data = null;
            for (String line : block.split("\n")) {
                if (line.startsWith("event: ")) {
                    name = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    data = line.substring(6);
                }
            }
            if (name != null) {
                try {
                    events.add(new Event(name, JSON.readTree(data)));
                } catch (IOException e) {
                    throw new AssertionError("event data is not JSON: " + block, e);
                }
            }
        }
        return events;
    }

    public static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    /** The absolute URL of {@code path} on this Caravan's HTTP API, for clients other than this class. */
    public String url(String path) {
        return uri(path).toString();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** A request to {@code path} on this Caravan, for headers the helpers above do not send. */
    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(uri(path));
    }

    /** Sends {@code request} and reads the whole body as text. */
    public HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        runtime.close();
    }
}
