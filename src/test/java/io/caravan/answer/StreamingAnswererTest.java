package io.caravan.answer;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

import static io.caravan.answer.AnswerHits.WORDS;
import static io.caravan.answer.AnswerHits.hit;
import static io.caravan.answer.AnswerHits.question;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StreamingAnswererTest {

    private final Prompt prompt = new PromptBuilder(WORDS, 1000).build(question("q"),
            List.of(hit("a.txt", "A", "Krakatoa erupted in 1883.", 0.9)));
    private final CitationChecker checker = new CitationChecker(200);

    /** A model that streams {@code pieces} on another thread, or never ends when there are none. */
    private static StreamingChatModel model(List<String> pieces) {
        return new StreamingChatModel() {
            @Override
            public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
                if (pieces.isEmpty()) {
                    return;
                }
                new Thread(() -> {
                    pieces.forEach(handler::onPartialResponse);
                    handler.onCompleteResponse(ChatResponse.builder()
                            .aiMessage(AiMessage.from(String.join("", pieces))).build());
                }).start();
            }
        };
    }

    @Test
    void should_hand_over_each_piece_in_order_and_return_the_checked_answer() throws Exception {
        // given
        List<String> received = new ArrayList<>();

        // when
        Answer answer = new StreamingAnswerer(model(List.of("It erupted", " in 1883", " [1][4]", ".")), checker,
                Duration.ofSeconds(10)).stream(prompt, question("q"), received::add);

        // then
        assertThat(received).containsExactly("It erupted", " in 1883", " [1][4]", ".");
        assertThat(answer.answer()).isEqualTo("It erupted in 1883 [1].");
        assertThat(answer.citations()).extracting(Citation::docId).containsExactly("a.txt");
    }

    @Test
    void should_give_up_on_a_stream_that_does_not_end_in_time() {
        assertThatThrownBy(() -> new StreamingAnswerer(model(List.of()), checker, Duration.ofMillis(200))
                .stream(prompt, question("q"), text -> { }))
                .isInstanceOf(TimeoutException.class);
    }
}
