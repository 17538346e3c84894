package io.caravan.answer;

import java.util.Objects;

/**
 * One earlier exchange of a conversation, as the generation step hands it to the model.
 *
 * @param question the standalone question (a follow-up as it was condensed)
 * @param answer   the answer text given
 */
public record Turn(String question, String answer) {
    public Turn {
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(answer, "answer");
    }
}
