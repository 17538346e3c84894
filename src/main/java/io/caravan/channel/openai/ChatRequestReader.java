package io.caravan.channel.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.caravan.answer.Question;
import io.caravan.channel.QuestionReader;
import io.caravan.json.Json;

import java.util.Map;
import java.util.Set;

/**
 * Reads {@code POST /v1/chat/completions} bodies (docs/openai-compatible.md#how-messages-map) into a
 * {@link ChatRequest}, then into the {@link Question} for {@code direct:ask}. Fields Caravan does not use
 * ({@code temperature}, {@code max_tokens}, {@code user}, ...) are accepted and ignored, as OpenAI-compatible
 * servers do. Thread safe.
 */
public class ChatRequestReader {

    /** The channel label of these questions (logs, audit, {@code caravan_questions_total}). */
    public static final String CHANNEL = "openai";

    private static final ObjectMapper JSON = Json.newMapper();

    private final OpenAiModels models;
    private final QuestionReader questions;
    private final int maxTurns;

    /**
     * @param questions checks the question's length as for every channel ({@code caravan.ask.max-question-chars})
     * @param maxTurns  earlier turns kept at most, the latest ({@code caravan.conversation.max-turns})
     */
    public ChatRequestReader(OpenAiModels models, QuestionReader questions, int maxTurns) {
        this.models = models;
        this.questions = questions;
        this.maxTurns = maxTurns;
    }

    /**
     * The request in {@code json}.
     *
     * @throws InvalidChatRequestException 400 for malformed JSON, no user message, a field of the wrong type
     * @throws io.caravan.channel.ApiException 404 {@code model_not_found} for a model {@code GET /v1/models} lacks
     */
    public ChatRequest read(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json == null ? "" : json);
        } catch (JsonProcessingException e) {
            throw new InvalidChatRequestException(null, "malformed JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new InvalidChatRequestException(null, "the body must be a JSON object with 'model' and 'messages'");
        }
        String model = optionalText(root, "model");
        String id = model == null ? OpenAiModels.DEFAULT : model;
        ChatMessages messages = ChatMessages.read(root.get("messages"), maxTurns);
        boolean stream = flag(root, "stream", "stream");
        boolean includeUsage = flag(root.path("stream_options"), "include_usage", "stream_options.include_usage");
        Boolean footer = root.path("caravan").has("sources_footer")
                ? flag(root.path("caravan"), "sources_footer", "caravan.sources_footer") : null;
        return new ChatRequest(id, models.preferenceFor(id), messages.question(), messages.turns(), stream,
                includeUsage, footer);
    }

    /**
     * The question {@code request} asks, by a caller in {@code groups}: no session (the client holds the
     * conversation and sends it along), no filters, the configured top-k.
     *
     * @throws io.caravan.channel.ApiException 413 when the question is over {@code caravan.ask.max-question-chars}
     */
    public Question question(ChatRequest request, String requestId, Set<String> groups) {
        Question checked = questions.readText(request.question(), requestId, groups, CHANNEL);
        return new Question(checked.requestId(), checked.text(), null, Map.of(), null, checked.groups(), CHANNEL,
                request.preference(), request.history());
    }

    private static String optionalText(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new InvalidChatRequestException(field, "'" + field + "' must be a string");
        }
        return node.asText();
    }

    private static boolean flag(JsonNode parent, String field, String param) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isBoolean()) {
            throw new InvalidChatRequestException(param, "'" + param + "' must be true or false");
        }
        return node.asBoolean();
    }
}
