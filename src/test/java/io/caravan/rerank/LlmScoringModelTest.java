package io.caravan.rerank;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LlmScoringModelTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "1: 2\n2: 9\n3: 5",
            "1. 2\n2. 9\n3. 5",
            "[1] 2\n[2] 9\n[3] 5",
            "Passage 1 - 2/10\nPassage 2 - 9/10\nPassage 3 - 5/10",
            "{\"1\": 2, \"2\": 9, \"3\": 5}",
            "**1**: 2\n**2**: 9\n**3**: 5",
            "Here are the grades:\n1: 2\n2: 9\n3: 5\nPassage 2 answers it.",
            "<think>passage 1: 10 looks good? no.</think>\n1: 2\n2: 9\n3: 5",
    })
    void should_read_the_grades_in_the_formats_models_reply_with(String reply) {
        assertThat(LlmScoringModel.grades(reply, 3)).containsExactly(0.2, 0.9, 0.5);
    }

    @Test
    void should_score_an_ungraded_passage_zero_and_ignore_numbers_outside_the_batch_and_the_scale() {
        assertThat(LlmScoringModel.grades("1: 8\n4: 9\n3: 70\n1: 3", 3)).containsExactly(0.8, 0.0, 0.0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "I cannot help with that.", "All passages are relevant."})
    void should_fail_when_the_reply_grades_nothing(String reply) {
        assertThatThrownBy(() -> LlmScoringModel.grades(reply, 3)).isInstanceOf(IllegalStateException.class);
    }
}
