package io.caravan.channel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.caravan.answer.Question;
import io.caravan.index.SearchRequest;
import io.caravan.json.Json;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads the question JSON every channel accepts ({@code {"question","sessionId"?,"filters"?,"topK"?}}) and
 * validates it. Thread safe.
 */
public class QuestionReader {

    private static final ObjectMapper JSON = Json.newMapper();

    private final int maxQuestionChars;
    private final int maxTopK;

    public QuestionReader(int maxQuestionChars, int maxTopK) {
        this.maxQuestionChars = maxQuestionChars;
        this.maxTopK = maxTopK;
    }

    /**
     * The question in {@code json}, asked by a caller in {@code groups}.
     *
     * @throws ApiException 400 when the JSON is malformed or a field is invalid
     */
    public Question readJson(String json, String requestId, Set<String> groups, String channel) {
        JsonNode root;
        try {
            root = JSON.readTree(json == null ? "" : json);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("malformed JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw ApiException.badRequest("malformed JSON: expected an object like {\"question\": \"...\"}");
        }
        JsonNode question = root.get("question");
        if (question == null || !question.isTextual()) {
            throw ApiException.badRequest("\"question\" is required and must be a string");
        }
        return validated(question.asText(), text(root, "sessionId"), filters(root.get("filters")),
                topK(root.get("topK")), requestId, groups, channel);
    }

    /** A plain-text question. */
    public Question readText(String text, String requestId, Set<String> groups, String channel) {
        return validated(text == null ? "" : text, null, Map.of(), null, requestId, groups, channel);
    }

    private Question validated(String text, String sessionId, Map<String, String> filters, Integer topK,
                               String requestId, Set<String> groups, String channel) {
        String question = text.strip();
        if (question.isEmpty()) {
            throw ApiException.badRequest("\"question\" must not be empty");
        }
        if (question.length() > maxQuestionChars) {
            throw ApiException.tooLarge("the question has " + question.length() + " characters, over the limit of "
                    + maxQuestionChars + " (caravan.ask.max-question-chars)");
        }
        return new Question(requestId, question, sessionId, filters, topK, groups, channel);
    }

    private static String text(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw ApiException.badRequest("\"" + field + "\" must be a string");
        }
        return node.asText();
    }

    private static Map<String, String> filters(JsonNode node) {
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw ApiException.badRequest("\"filters\" must be an object of field to value");
        }
        Map<String, String> filters = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> {
            if (!SearchRequest.FILTERABLE_FIELDS.contains(e.getKey())) {
                throw ApiException.badRequest("cannot filter on \"" + e.getKey() + "\"; filterable fields are "
                        + SearchRequest.FILTERABLE_FIELDS);
            }
            if (!e.getValue().isTextual()) {
                throw ApiException.badRequest("filter \"" + e.getKey() + "\" must be a string");
            }
            filters.put(e.getKey(), e.getValue().asText());
        });
        return filters;
    }

    private Integer topK(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.canConvertToInt() || !node.isIntegralNumber() || node.asInt() < 1 || node.asInt() > maxTopK) {
            throw ApiException.badRequest("\"topK\" must be an integer from 1 to " + maxTopK);
        }
        return node.asInt();
    }
}
