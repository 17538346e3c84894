package io.caravan.rerank;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.Response;
import dev.langchain4j.model.scoring.ScoringModel;
import io.caravan.throttle.LlmPermits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scores passages by asking a chat model to grade each numbered passage's relevance to the query from 0 to 10, a
 * batch of passages per request; the score is the grade / 10. A reply is read leniently ({@code 1: 7},
 * {@code [2] 3/10}, {@code "3": 8}, a reasoning model's {@code <think>} block); a passage the reply does not grade
 * scores 0. Throws when the model fails, grades nothing or has no free slot, so the caller can keep the retrieval
 * order.
 * Thread safe if the chat model is.
 */
public final class LlmScoringModel implements ScoringModel {

    /** The instructions; the passages follow in the user message. */
    static final String SYSTEM_PROMPT = """
            You grade search results. For every numbered passage, rate how relevant it is to the question: \
            10 = it directly answers or settles the question, 5 = it is on the topic but does not answer it, \
            0 = it is unrelated. Reply with one line per passage, in order, formatted as <number>: <grade>, \
            and nothing else.""";

    private static final Logger LOG = LoggerFactory.getLogger(LlmScoringModel.class);
    private static final Pattern THINKING = Pattern.compile("(?s)<think>.*?</think>");
    // "1: 7", "1. 7", "[1] 7", "Passage 1 - 7/10", "\"1\": 7", "**1**: 7"
    private static final Pattern GRADE = Pattern.compile("(?i)(?:passage\\s*)?\\[?\"?\\**(\\d{1,3})\\**\"?]?"
            + "\\s*(?:[:=.)\\-–]|(?<=])\\s)" // a separator, or the space after "[n]"
            + "\\s*\\**\\s*(\\d{1,2}(?:\\.\\d+)?)");
    private static final double MAX_GRADE = 10;

    private final ChatModel chat;
    private final LlmPermits permits;
    private final int batchSize;
    private final int maxPassageChars;

    /**
     * @param permits         the LLM slots each grading request takes, as every LLM call does
     * @param batchSize       passages per request ({@code caravan.rerank.llm.batch-size})
     * @param maxPassageChars characters of each passage put in the prompt
     *                        ({@code caravan.rerank.llm.max-passage-chars})
     */
    public LlmScoringModel(ChatModel chat, LlmPermits permits, int batchSize, int maxPassageChars) {
        this.chat = Objects.requireNonNull(chat, "chat");
        this.permits = Objects.requireNonNull(permits, "permits");
        if (batchSize < 1) {
            throw new IllegalArgumentException("caravan.rerank.llm.batch-size must be at least 1, was " + batchSize);
        }
        if (maxPassageChars < 1) {
            throw new IllegalArgumentException("caravan.rerank.llm.max-passage-chars must be at least 1, was "
                    + maxPassageChars);
        }
        this.batchSize = batchSize;
        this.maxPassageChars = maxPassageChars;
    }

    @Override
    public Response<List<Double>> scoreAll(List<TextSegment> segments, String query) {
        List<Double> scores = new ArrayList<>(segments.size());
        for (int from = 0; from < segments.size(); from += batchSize) {
            List<TextSegment> batch = segments.subList(from, Math.min(from + batchSize, segments.size()));
            String prompt = prompt(query, batch);
            ChatResponse response = permits.withPermit(() -> chat.chat(SystemMessage.from(SYSTEM_PROMPT),
                    UserMessage.from(prompt)));
            String reply = response.aiMessage() == null ? null : response.aiMessage().text();
            scores.addAll(grades(reply, batch.size()));
        }
        return Response.from(scores);
    }

    /** The user message: the question, then the passages numbered from 1. */
    String prompt(String query, List<TextSegment> batch) {
        StringBuilder prompt = new StringBuilder("Question: ").append(query.strip()).append("\n\nPassages:\n");
        for (int i = 0; i < batch.size(); i++) {
            String text = batch.get(i).text().strip().replaceAll("\\s+", " ");
            if (text.length() > maxPassageChars) {
                text = text.substring(0, maxPassageChars) + " …";
            }
            prompt.append('\n').append('[').append(i + 1).append("] ").append(text).append('\n');
        }
        return prompt.append("\nGrade each of the ").append(batch.size()).append(" passages, one line each: ")
                .append("<number>: <grade 0-10>.").toString();
    }

    /**
     * The scores (grade / 10) of passages 1..{@code count} read from {@code reply}; an ungraded passage scores 0.
     *
     * @throws IllegalStateException if the reply grades none of them
     */
    static List<Double> grades(String reply, int count) {
        if (reply == null || reply.isBlank()) {
            throw new IllegalStateException("the LLM returned an empty reply");
        }
        Map<Integer, Double> graded = new HashMap<>();
        Matcher m = GRADE.matcher(THINKING.matcher(reply).replaceAll(" "));
        while (m.find()) {
            int n = Integer.parseInt(m.group(1));
            double grade = Double.parseDouble(m.group(2));
            if (n >= 1 && n <= count && grade <= MAX_GRADE) {
                graded.putIfAbsent(n, grade / MAX_GRADE);
            }
        }
        if (graded.isEmpty()) {
            throw new IllegalStateException("the LLM reply graded no passage: "
                    + reply.substring(0, Math.min(200, reply.length())));
        }
        if (graded.size() < count) {
            LOG.debug("the LLM graded {} of {} passages; the others score 0", graded.size(), count);
        }
        List<Double> scores = new ArrayList<>(count);
        for (int n = 1; n <= count; n++) {
            scores.add(graded.getOrDefault(n, 0.0));
        }
        return scores;
    }
}
