package io.caravan.it;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.NotFoundException;
import com.openai.errors.RateLimitException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.models.Model;
import io.caravan.llm.LlmStub;
import io.caravan.llm.LlmStub.Reply;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.caravan.it.RunningCaravan.await;
import static io.caravan.it.RunningCaravan.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@code /v1/chat/completions} and {@code /v1/models} as the official OpenAI Java SDK uses them
 * (docs/openai-compatible.md), on a Caravan with API keys, per-folder ACLs and an OpenAI-compatible LLM stub: the
 * answers, the citations read back from the extension field, streaming, follow-ups from the messages sent, errors
 * and access control.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenAiChatIT {

    private static final String KRAKATOA = "How long did Krakatoa ash lower global temperatures?";
    private static final TypeReference<List<Map<String, Object>>> CITATIONS = new TypeReference<>() {
    };

    @TempDir
    static Path data;
    @TempDir
    static Path inbox;
    @TempDir
    static Path etc;

    private LlmStub llm;
    private RunningCaravan caravan;
    private String hrReader;
    private String publicReader;

    @BeforeAll
    void start() throws Exception {
        llm = LlmStub.start();
        // a condensing request gets a standalone question; an answer cites every passage of its prompt
        llm.replying(request -> LlmStub.systemMessage(request).contains("standalone")
                ? Reply.answer(KRAKATOA) : Reply.answer(citingEveryPassage(lastUserMessage(request))));
        Path keys = etc.resolve("keys.json");
        hrReader = KeysCli.create(keys, "ana", "hr,public", "reader").key();
        publicReader = KeysCli.create(keys, "pat", "public", "reader").key();
        caravan = RunningCaravan.start(data, inbox, Map.of(
                "caravan.auth.api-keys-file", keys.toString(),
                "caravan.sources.file.acl-rules", "hr/**=hr",
                "caravan.jms.enabled", "false",
                "caravan.llm.provider", "openai",
                "caravan.llm.base-url", llm.openAiBaseUrl(),
                "caravan.llm.model", "stub-model"));
        NotifyBuilder indexed = caravan.notifier().fromRoute("source-file").whenCompleted(3).create();
        Fixtures.volcanoText(inbox);
        Fixtures.text(inbox.resolve("hr/salaries.txt"), "Salaries\n\nSalary bands at Caravan are reviewed every"
                + " April by the pay committee.\n");
        Fixtures.text(inbox.resolve("notes.txt"), "Notes\n\nThe salary survey closes at the end of May.\n");
        await(indexed, 120);
    }

    @AfterAll
    void stop() {
        if (caravan != null) {
            caravan.close();
        }
        if (llm != null) {
            llm.close();
        }
    }

    // with a conversation, the earlier turns come first as messages of their own; the passages are in the last one
    private static String lastUserMessage(JsonNode request) {
        String last = null;
        for (JsonNode message : request.path("messages")) {
            if (message.path("role").asText().equals("user")) {
                last = message.path("content").asText();
            }
        }
        return last;
    }

    private static String citingEveryPassage(String user) {
        StringBuilder answer = new StringBuilder("From the documents");
        Matcher m = Pattern.compile("<passage n=\"(\\d+)\"").matcher(user);
        while (m.find()) {
            answer.append(" [").append(m.group(1)).append(']');
        }
        return answer.append('.').toString();
    }

    private OpenAIClient client(String key) {
        return OpenAIOkHttpClient.builder().baseUrl(caravan.url("/v1")).apiKey(key).maxRetries(0).build();
    }

    private static ChatCompletionCreateParams ask(String model, String question) {
        return ChatCompletionCreateParams.builder().model(model).addUserMessage(question).build();
    }

    private static List<Map<String, Object>> citations(Map<String, JsonValue> extension) {
        assertThat(extension).containsKey("citations");
        return extension.get("citations").convert(CITATIONS);
    }

    private static String content(ChatCompletion completion) {
        return completion.choices().get(0).message().content().orElseThrow();
    }

    @Test
    void should_answer_a_completion_with_citations_in_the_extension_field_and_the_sources_footer() {
        // when
        ChatCompletion completion = client(hrReader).chat().completions().create(ask("caravan", KRAKATOA));

        // then: OpenAI's fields
        assertThat(completion.id()).startsWith("chatcmpl-");
        assertThat(completion.model()).isEqualTo("caravan");
        assertThat(completion.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        assertThat(completion.choices().get(0).message()._role().toString()).contains("assistant");
        // and: the citations, read back from the extension field, and the footer naming them
        List<Map<String, Object>> citations = citations(completion._additionalProperties());
        assertThat(citations).extracting(c -> c.get("docId")).contains("volcano.txt");
        Map<String, Object> volcano = citations.stream().filter(c -> c.get("docId").equals("volcano.txt"))
                .findFirst().orElseThrow();
        assertThat(volcano).containsKeys("n", "title", "section", "page", "snippet", "quote", "score");
        assertThat(content(completion)).startsWith("From the documents [")
                .contains("\n\nSources:\n").contains("[" + volcano.get("n") + "] volcano.txt");
        Map<String, Object> how = completion._additionalProperties().get("caravan").convert(new TypeReference<>() {
        });
        assertThat(how).containsEntry("mode", "llm").containsEntry("degraded", false);
        assertThat(completion.usage()).isPresent();
    }

    @Test
    void should_stream_chunks_that_assemble_the_answer_and_end_with_the_citations() {
        // given
        StringBuilder text = new StringBuilder();
        List<ChatCompletionChunk> finals = new ArrayList<>();
        List<String> ids = new ArrayList<>();

        // when
        try (StreamResponse<ChatCompletionChunk> stream = client(hrReader).chat().completions()
                .createStreaming(ask("caravan-llm", KRAKATOA))) {
            stream.stream().forEach(chunk -> {
                ids.add(chunk.id());
                chunk.choices().forEach(choice -> {
                    choice.delta().content().ifPresent(text::append);
                    if (choice.finishReason().isPresent()) {
                        finals.add(chunk);
                    }
                });
            });
        }

        // then: the model's text in pieces, then the footer, then one final chunk with the citations
        assertThat(ids).hasSizeGreaterThan(3).allMatch(id -> id.equals(ids.get(0)));
        assertThat(text.toString()).startsWith("From the documents [").contains("\n\nSources:\n")
                .contains("] volcano.txt");
        assertThat(finals).hasSize(1);
        assertThat(finals.get(0).choices().get(0).finishReason()).contains(ChatCompletionChunk.Choice.FinishReason.STOP);
        assertThat(citations(finals.get(0)._additionalProperties())).extracting(c -> c.get("docId"))
                .contains("volcano.txt");
    }

    @Test
    void should_list_the_answer_modes_as_models() {
        // when
        List<Model> models = client(publicReader).models().list().data();

        // then
        assertThat(models).extracting(Model::id).containsExactly("caravan", "caravan-extractive", "caravan-llm");
        assertThat(models).extracting(Model::ownedBy).containsOnly("caravan");
    }

    @Test
    void should_condense_a_follow_up_with_the_earlier_messages_the_client_sent() {
        // given: an earlier exchange this Caravan never saw, sent along as messages
        String earlier = "How loud was the Krakatoa eruption of 1883?";
        ChatCompletionCreateParams followUp = ChatCompletionCreateParams.builder().model("caravan")
                .addSystemMessage("You are a helpful assistant.")
                .addUserMessage(earlier)
                .addAssistantMessage("It was heard 4800 kilometres away [1].\n\nSources:\n[1] Krakatoa — volcano.txt")
                .addUserMessage("And how long did its ash cool the planet?")
                .build();
        int before = llm.requests().size();

        // when
        ChatCompletion completion = client(hrReader).chat().completions().create(followUp);

        // then: the condensing prompt held the earlier exchange (footer left out), the answer came from the volcano
        List<String> condensing = llm.requests().subList(before, llm.requests().size()).stream()
                .filter(r -> LlmStub.systemMessage(r).contains("standalone")).map(LlmStub::userMessage).toList();
        assertThat(condensing).hasSize(1);
        assertThat(condensing.get(0)).contains("User: " + earlier)
                .contains("Assistant: It was heard 4800 kilometres away [1].").doesNotContain("Sources:")
                .contains("Last question: And how long did its ash cool the planet?");
        assertThat(citations(completion._additionalProperties())).extracting(c -> c.get("docId"))
                .contains("volcano.txt");
        // and: a conversation is never served from or stored in the cache
        Map<String, Object> how = completion._additionalProperties().get("caravan").convert(new TypeReference<>() {
        });
        assertThat(how).containsEntry("cached", false);
    }

    @Test
    void should_answer_extractively_without_calling_the_llm_for_caravan_extractive() {
        // given
        int before = llm.requests().size();

        // when
        ChatCompletion completion = client(hrReader).chat().completions()
                .create(ask("caravan-extractive", "How far away was the Krakatoa eruption heard?"));

        // then
        Map<String, Object> how = completion._additionalProperties().get("caravan").convert(new TypeReference<>() {
        });
        assertThat(how).containsEntry("mode", "extractive").containsEntry("degraded", false);
        assertThat(content(completion)).contains("4800").contains("Sources:");
        assertThat(llm.requests()).hasSize(before);
    }

    @Test
    void should_refuse_a_missing_or_wrong_key_with_401_and_accept_a_reader_key() throws Exception {
        // when: no Authorization header at all, then the SDK with a wrong key
        HttpResponse<String> none = caravan.send(caravan.request("/v1/chat/completions")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"caravan\",\"messages\":"
                        + "[{\"role\":\"user\",\"content\":\"hi\"}]}")));
        UnauthorizedException wrong = catchThrowableOfType(UnauthorizedException.class,
                () -> client("cvk_not-a-key").chat().completions().create(ask("caravan", KRAKATOA)));

        // then: OpenAI's error shape, the bearer challenge, never the credential
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"caravan\"");
        assertThat(json(none).at("/error/type").asText()).isEqualTo("authentication_error");
        assertThat(json(none).at("/error/code").asText()).isEqualTo("invalid_api_key");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.code()).contains("invalid_api_key");
        assertThat(wrong.headers().values("WWW-Authenticate")).containsExactly(
                "Bearer realm=\"caravan\", error=\"invalid_token\"");
        assertThat(wrong.body().toString()).doesNotContain("cvk_not-a-key");
        assertThat(client(publicReader).models().list().data()).isNotEmpty();
    }

    @Test
    void should_keep_a_document_the_caller_may_not_see_out_of_prompt_citations_and_footer() {
        // given
        int before = llm.requests().size();

        // when: a public reader and an hr reader ask about salaries
        ChatCompletion outsider = client(publicReader).chat().completions()
                .create(ask("caravan", "When are salary bands reviewed by the pay committee?"));
        List<String> outsiderPrompts = llm.requests().subList(before, llm.requests().size()).stream()
                .map(r -> r.toString()).toList();
        ChatCompletion insider = client(hrReader).chat().completions()
                .create(ask("caravan", "When are salary bands reviewed by the pay committee?"));

        // then: nothing of hr/salaries.txt reached the outsider, in the prompt, the citations or the text
        assertThat(outsiderPrompts).isNotEmpty().noneMatch(p -> p.contains("reviewed every April"));
        assertThat(citations(outsider._additionalProperties())).extracting(c -> c.get("docId"))
                .doesNotContain("hr/salaries.txt");
        assertThat(content(outsider)).doesNotContain("hr/salaries.txt").doesNotContain("salaries.txt —");
        // and: the hr reader gets it
        assertThat(citations(insider._additionalProperties())).extracting(c -> c.get("docId"))
                .contains("hr/salaries.txt");
        assertThat(content(insider)).contains("salaries.txt — hr/salaries.txt");
    }

    @Test
    void should_answer_404_model_not_found_and_400_for_a_request_without_a_user_message() {
        // when
        NotFoundException unknown = catchThrowableOfType(NotFoundException.class,
                () -> client(hrReader).chat().completions().create(ask("gpt-4o", KRAKATOA)));
        HttpResponse<String> noUser = caravan.send(caravan.request("/v1/chat/completions")
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + hrReader)
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"caravan\",\"messages\":"
                        + "[{\"role\":\"system\",\"content\":\"hi\"}]}")));
        HttpResponse<String> badJson = caravan.send(caravan.request("/v1/chat/completions")
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + hrReader)
                .POST(HttpRequest.BodyPublishers.ofString("{\"messages\": [")));

        // then
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.code()).contains("model_not_found");
        assertThat(unknown.type()).contains("invalid_request_error");
        assertThat(noUser.statusCode()).isEqualTo(400);
        assertThat(json(noUser).at("/error/type").asText()).isEqualTo("invalid_request_error");
        assertThat(json(noUser).at("/error/param").asText()).isEqualTo("messages");
        assertThat(badJson.statusCode()).isEqualTo(400);
        assertThat(json(badJson).at("/error/message").asText()).startsWith("malformed JSON");
        assertThat(badJson.body()).doesNotContain("Exception").doesNotContain("at io.caravan");
    }

    @Test
    void should_count_the_questions_of_this_channel_as_openai() {
        // given
        client(hrReader).chat().completions().create(ask("caravan", KRAKATOA));

        // when
        String metrics = caravan.get("/metrics").body();

        // then
        assertThat(metrics).containsPattern("caravan_questions_total\\{[^}]*channel=\"openai\"[^}]*outcome=\"answered\"");
    }

    @Test
    void should_accept_any_bearer_value_without_authentication_send_the_exact_wire_format_and_throttle_per_caller()
            throws Exception {
        // given: a Caravan without keys (every caller anonymous), extractive, two questions a minute per caller
        Path otherData = Files.createDirectories(etc.resolve("open-data"));
        Path otherInbox = Files.createDirectories(etc.resolve("open-inbox"));
        try (RunningCaravan open = RunningCaravan.start(otherData, otherInbox, Map.of(
                "caravan.jms.enabled", "false", "caravan.ask.rate-limit-per-minute", "2"))) {
            NotifyBuilder indexed = open.notifier().fromRoute("source-file").whenCompleted(1).create();
            Fixtures.volcanoText(otherInbox);
            await(indexed, 120);
            OpenAIClient sdk = OpenAIOkHttpClient.builder().baseUrl(open.url("/v1")).apiKey("sk-anything")
                    .maxRetries(0).build();

            // when: the SDK with a made-up key, then the raw stream, then one question too many
            ChatCompletion completion = sdk.chat().completions().create(ask("caravan", KRAKATOA));
            HttpResponse<String> wire = open.send(open.request("/v1/chat/completions")
                    .header("Content-Type", "application/json").header("Authorization", "Bearer whatever")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"caravan\",\"stream\":true,"
                            + "\"messages\":[{\"role\":\"user\",\"content\":\"" + KRAKATOA + "\"}]}")));
            RateLimitException throttled = catchThrowableOfType(RateLimitException.class,
                    () -> sdk.chat().completions().create(ask("caravan", KRAKATOA)));

            // then: answered as the anonymous caller
            assertThat(content(completion)).contains("five years");
            // and: unnamed data events only, the role first, the citations last, then [DONE]
            assertThat(wire.statusCode()).isEqualTo(200);
            assertThat(wire.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/event-stream");
            String body = wire.body();
            assertThat(body).doesNotContain("event:").endsWith("\n\ndata: [DONE]\n\n");
            String[] events = body.split("\n\n");
            assertThat(events).allMatch(e -> e.startsWith("data: ") && !e.contains("\n"));
            assertThat(events[0]).contains("\"object\":\"chat.completion.chunk\"")
                    .contains("\"delta\":{\"role\":\"assistant\",\"content\":\"\"}");
            assertThat(events[events.length - 2]).contains("\"finish_reason\":\"stop\"")
                    .contains("\"citations\":[{\"n\":1,\"docId\":\"volcano.txt\"");
            // and: the third question within the minute is a 429 with Retry-After, in OpenAI's shape
            assertThat(throttled.statusCode()).isEqualTo(429);
            assertThat(throttled.code()).contains("rate_limit_exceeded");
            assertThat(throttled.headers().values("Retry-After")).hasSize(1);
        }
    }
}
