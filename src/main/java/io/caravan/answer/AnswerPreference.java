package io.caravan.answer;

/**
 * Who may write a question's answer (docs/architecture.md#answer-pipeline): the configured way ({@code CONFIGURED}:
 * the LLM when {@code caravan.llm.provider} names one, else extractive), or extractive whatever is configured
 * ({@code EXTRACTIVE}: no language model reads the question, its conversation or its passages).
 */
public enum AnswerPreference {
    CONFIGURED,
    EXTRACTIVE
}
