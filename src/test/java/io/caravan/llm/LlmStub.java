package io.caravan.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A local LLM server speaking the OpenAI chat completions API ({@code POST /v1/chat/completions}, plain and
 * streamed as {@code data:} events) and Ollama's ({@code POST /api/chat}, plain and streamed as JSON lines): the
 * one mock the tests may use. Each reply reports {@link #PROMPT_TOKENS} and {@link #COMPLETION_TOKENS} as usage.
 */
public final class LlmStub implements AutoCloseable {

    public static final int PROMPT_TOKENS = 111;
    public static final int COMPLETION_TOKENS = 22;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the stub does with the next request. */
    public record Reply(int status, String content, boolean hangs, Duration pause) {
        public Reply(int status, String content, boolean hangs) {
            this(status, content, hangs, Duration.ZERO);
        }

        /**
         * A 200 reply with this answer text that, when streamed, waits {@code pause} before each piece: a client
         * reading it sees the text arrive in parts, as from a real model.
         */
        public static Reply answerSlowly(String content, Duration pause) {
            return new Reply(200, content, false, pause);
        }

        /** A 200 reply with this answer text. */
        public static Reply answer(String content) {
            return new Reply(200, content, false);
        }

        /** A server error. */
        public static Reply failure() {
            return new Reply(500, "{\"error\":{\"message\":\"the stub fails\"}}", false);
        }

        /** No reply until the stub closes. */
        public static Reply hanging() {
            return new Reply(200, "", true);
        }
    }

    private final HttpServer server;
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile Function<JsonNode, Reply> replies = request -> Reply.answer("I don't know.");

    private LlmStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/v1/chat/completions", exchange -> handle(exchange, false));
        server.createContext("/api/chat", exchange -> handle(exchange, true));
        server.start();
    }

    public static LlmStub start() throws IOException {
        return new LlmStub();
    }

    /** The base URL for {@code caravan.llm.base-url} with the openai provider. */
    public String openAiBaseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** The base URL for {@code caravan.llm.base-url} with the ollama provider. */
    public String ollamaBaseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers every following request with {@code reply(request)}. */
    public LlmStub replying(Function<JsonNode, Reply> reply) {
        this.replies = reply;
        return this;
    }

    /** The requests received so far, oldest first. */
    public List<JsonNode> requests() {
        return List.copyOf(requests);
    }

    /** The user message of a request (the passages and the question). */
    public static String userMessage(JsonNode request) {
        for (JsonNode message : request.path("messages")) {
            if (message.path("role").asText().equals("user")) {
                return message.path("content").asText();
            }
        }
        throw new AssertionError("no user message in " + request);
    }

    /** The system message of a request. */
    public static String systemMessage(JsonNode request) {
        return request.path("messages").get(0).path("content").asText();
    }

    private void handle(HttpExchange exchange, boolean ollama) throws IOException {
        try (exchange) {
            JsonNode request = JSON.readTree(exchange.getRequestBody());
            requests.add(request);
            Reply reply = replies.apply(request);
            if (reply.hangs()) {
                try {
                    // held until the stub closes, so the caller's timeout is what ends the call
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
            if (reply.status() != 200) {
                send(exchange, reply.status(), "application/json", reply.content());
                return;
            }
            boolean stream = request.path("stream").asBoolean(ollama);
            if (!stream) {
                send(exchange, 200, "application/json", ollama ? ollamaMessage(reply.content(), true).toString()
                        : openAiCompletion(reply.content()).toString());
            } else if (ollama) {
                streamOllama(exchange, reply.content());
            } else {
                streamOpenAi(exchange, reply.content(), reply.pause());
            }
        } catch (IOException e) {
            // the client gave up (a timeout): nothing to answer
        }
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static ObjectNode openAiCompletion(String content) {
        ObjectNode message = JSON.createObjectNode().put("role", "assistant").put("content", content);
        ObjectNode choice = JSON.createObjectNode().put("index", 0).put("finish_reason", "stop");
        choice.set("message", message);
        ObjectNode body = JSON.createObjectNode().put("id", "chatcmpl-1").put("object", "chat.completion")
                .put("created", 1).put("model", "stub-model");
        body.set("choices", JSON.createArrayNode().add(choice));
        body.set("usage", usage());
        return body;
    }

    private static ObjectNode usage() {
        return JSON.createObjectNode().put("prompt_tokens", PROMPT_TOKENS)
                .put("completion_tokens", COMPLETION_TOKENS).put("total_tokens", PROMPT_TOKENS + COMPLETION_TOKENS);
    }

    private static void streamOpenAi(HttpExchange exchange, String content, Duration pause) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        for (String piece : pieces(content)) {
            pause(pause);
            ObjectNode delta = JSON.createObjectNode().put("content", piece);
            event(out, chunk(delta, null));
        }
        event(out, chunk(JSON.createObjectNode(), "stop"));
        ObjectNode usage = JSON.createObjectNode().put("id", "chatcmpl-1").put("object", "chat.completion.chunk")
                .put("created", 1).put("model", "stub-model");
        usage.set("choices", JSON.createArrayNode());
        usage.set("usage", usage());
        event(out, usage.toString());
        out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static String chunk(ObjectNode delta, String finishReason) {
        ObjectNode choice = JSON.createObjectNode().put("index", 0);
        choice.set("delta", delta);
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        ObjectNode chunk = JSON.createObjectNode().put("id", "chatcmpl-1").put("object", "chat.completion.chunk")
                .put("created", 1).put("model", "stub-model");
        chunk.set("choices", JSON.createArrayNode().add(choice));
        return chunk.toString();
    }

    private static void pause(Duration pause) {
        if (!pause.isZero()) {
            try {
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void event(OutputStream out, String data) throws IOException {
        out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static ObjectNode ollamaMessage(String content, boolean done) {
        ObjectNode body = JSON.createObjectNode().put("model", "stub-model")
                .put("created_at", "2026-01-01T00:00:00Z");
        body.set("message", JSON.createObjectNode().put("role", "assistant").put("content", content));
        body.put("done", done);
        if (done) {
            body.put("done_reason", "stop").put("prompt_eval_count", PROMPT_TOKENS)
                    .put("eval_count", COMPLETION_TOKENS);
        }
        return body;
    }

    private static void streamOllama(HttpExchange exchange, String content) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/x-ndjson");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        for (String piece : pieces(content)) {
            out.write((ollamaMessage(piece, false) + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
        out.write((ollamaMessage("", true) + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** The content in word-sized pieces, spaces kept, as a model streams it. */
    static List<String> pieces(String content) {
        List<String> pieces = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= content.length(); i++) {
            if (i == content.length() || content.charAt(i) == ' ') {
                pieces.add(content.substring(start, i));
                start = i;
            }
        }
        return pieces;
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
    }
}
