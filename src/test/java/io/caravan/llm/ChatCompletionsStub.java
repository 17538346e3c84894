package io.caravan.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A local OpenAI-compatible {@code /v1/chat/completions} server for tests (the only mock allowed: no real LLM can be
 * reached here). Replies with what {@link #replies} computes from each request and records every request.
 */
public final class ChatCompletionsStub implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private volatile Function<JsonNode, String> replies = request -> "";

    private ChatCompletionsStub(HttpServer server) {
        this.server = server;
    }

    /** Starts the stub on a free loopback port. */
    public static ChatCompletionsStub start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ChatCompletionsStub stub = new ChatCompletionsStub(server);
        server.createContext("/v1/chat/completions", stub::handle);
        server.start();
        return stub;
    }

    /** The base URL to configure as {@code caravan.llm.base-url}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** Answers every later request with the assistant text {@code reply} computes from the request JSON. */
    public ChatCompletionsStub replying(Function<JsonNode, String> reply) {
        this.replies = reply;
        return this;
    }

    /** The requests received so far, in order. */
    public List<JsonNode> requests() {
        return List.copyOf(requests);
    }

    /** The text of the last message with {@code role} in {@code request}. */
    public static String message(JsonNode request, String role) {
        String text = null;
        for (JsonNode message : request.path("messages")) {
            if (role.equals(message.path("role").asText())) {
                text = message.path("content").asText();
            }
        }
        return text;
    }

    /** A chat model of the configured kind talking to this stub. */
    public LlmSettings settings(Duration timeout) {
        return new LlmSettings(LlmSettings.Provider.OPENAI, baseUrl(), "stub-model", "", timeout);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode request = JSON.readTree(exchange.getRequestBody());
            requests.add(request);
            var message = JSON.createObjectNode().put("role", "assistant").put("content", replies.apply(request));
            var choice = JSON.createObjectNode().put("index", 0).put("finish_reason", "stop");
            choice.set("message", message);
            var body = JSON.createObjectNode().put("id", "chatcmpl-1").put("object", "chat.completion")
                    .put("created", 1).put("model", "stub-model");
            body.set("choices", JSON.createArrayNode().add(choice));
            byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
