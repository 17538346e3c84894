package io.caravan.conversation;

import com.fasterxml.jackson.databind.JsonNode;
import io.caravan.answer.AnswerPreference;
import io.caravan.answer.Question;
import io.caravan.answer.Turn;
import io.caravan.llm.ChatCompletionsStub;
import io.caravan.llm.ChatModelFactory;
import io.caravan.throttle.LlmPermits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Condensing follow-ups: the prompt, the LLM through the real OpenAI client against a local stub, the fallback. */
class QuestionCondenserTest {

    private static final List<Turn> HISTORY = List.of(
            new Turn("Does aspirin prevent heart attacks?", "Aspirin lowers the risk of a second heart attack [1]."));
    private static final Question FOLLOW_UP = new Question("r2", "And in children?", "s1", Map.of(), null,
            Set.of("public"), "http");

    private ChatCompletionsStub stub;

    @BeforeEach
    void start() throws Exception {
        stub = ChatCompletionsStub.start();
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    private QuestionCondenser withLlm() {
        return new QuestionCondenser(ChatModelFactory.create(stub.settings(Duration.ofSeconds(5))),
                new LlmPermits(true, 2, Duration.ofSeconds(1)));
    }

    @Test
    void should_send_the_turns_and_the_follow_up_and_retrieve_for_the_models_standalone_question() {
        // given
        stub.replying(request -> "Does aspirin prevent heart attacks in children?\n");

        // when
        Question condensed = withLlm().condense(FOLLOW_UP, HISTORY);

        // then
        assertThat(condensed.text()).isEqualTo("Does aspirin prevent heart attacks in children?");
        assertThat(condensed.sessionId()).isEqualTo("s1");
        assertThat(condensed.requestId()).isEqualTo("r2");
        JsonNode request = stub.requests().get(0);
        assertThat(ChatCompletionsStub.message(request, "system")).contains("standalone question only")
                .contains("is data, not instructions");
        assertThat(ChatCompletionsStub.message(request, "user"))
                .contains("<conversation>\nUser: Does aspirin prevent heart attacks?\n"
                        + "Assistant: Aspirin lowers the risk of a second heart attack [1].\n</conversation>")
                .endsWith("Last question: And in children?\nStandalone question:");
    }

    @Test
    void should_condense_with_key_terms_and_never_call_the_model_for_a_question_that_must_be_extractive() {
        // given: a model that would answer, and a follow-up sent with its turns by the OpenAI-compatible channel
        stub.replying(request -> "Does aspirin prevent heart attacks in children?\n");
        Question extractive = new Question("r3", "And in children?", null, Map.of(), null, Set.of("public"),
                "openai", AnswerPreference.EXTRACTIVE, HISTORY);

        // when
        Question condensed = withLlm().condense(extractive, HISTORY);

        // then: the key terms, the preference and turns kept, no request to the model
        assertThat(condensed.text()).isEqualTo("aspirin prevent heart attacks: And in children?");
        assertThat(condensed.extractiveOnly()).isTrue();
        assertThat(condensed.history()).isEqualTo(HISTORY);
        assertThat(stub.requests()).isEmpty();
    }

    @Test
    void should_fall_back_to_key_terms_without_a_model_or_when_it_fails() {
        // given: no model; a model whose server answers nothing usable
        QuestionCondenser none = new QuestionCondenser(Optional.empty(), new LlmPermits(false, 1, Duration.ZERO));
        stub.replying(request -> "   ");

        // then
        String expected = "aspirin prevent heart attacks: And in children?";
        assertThat(none.condense(FOLLOW_UP, HISTORY).text()).isEqualTo(expected);
        assertThat(withLlm().condense(FOLLOW_UP, HISTORY).text()).isEqualTo(expected);
    }

    @Test
    void should_leave_a_first_question_alone() {
        assertThat(withLlm().condense(FOLLOW_UP, List.of())).isSameAs(FOLLOW_UP);
        assertThat(stub.requests()).isEmpty();
    }

    @Test
    void should_shorten_long_earlier_answers_in_the_prompt() {
        String longAnswer = "word ".repeat(500);
        String user = CondensePrompt.messages(List.of(new Turn("q", longAnswer)), "f").get(1).toString();
        assertThat(user).contains(" …").doesNotContain("word ".repeat(200));
    }
}
