package io.caravan.config;

import io.caravan.llm.BreakerSettings;
import io.caravan.llm.LlmSettings;

import java.time.Duration;

/**
 * How answers are made: the {@code caravan.answer.*} keys and the language model's {@code caravan.llm.*} keys.
 *
 * @param minScore               passages under this score are not answered from
 * @param snippetChars           characters of a passage a citation quotes
 * @param extractiveMaxSentences sentences an extractive answer quotes at most
 * @param llm                    the language model, if any
 * @param contextTokens          prompt tokens the passages may fill
 * @param breaker                the circuit breaker around the model
 * @param maxConcurrent          language model calls in flight at most
 * @param queueTimeout           longest wait for a free language model slot
 */
public record AnswerSettings(double minScore, int snippetChars, int extractiveMaxSentences, LlmSettings llm,
                             int contextTokens, BreakerSettings breaker, int maxConcurrent, Duration queueTimeout) {

    static AnswerSettings read(Settings settings) {
        LlmSettings llm = new LlmSettings(LlmSettings.Provider.of(settings.string("caravan.llm.provider")),
                settings.string("caravan.llm.base-url"), settings.string("caravan.llm.model"),
                settings.string("caravan.llm.api-key"), settings.duration("caravan.llm.timeout"),
                settings.integer("caravan.llm.max-tokens"), settings.decimal("caravan.llm.temperature"));
        BreakerSettings breaker = new BreakerSettings(settings.integer("caravan.llm.breaker.failure-rate"),
                settings.integer("caravan.llm.breaker.window-size"),
                settings.integer("caravan.llm.breaker.minimum-calls"), settings.duration("caravan.llm.breaker.wait"));
        return new AnswerSettings(settings.decimal("caravan.answer.min-score"),
                settings.integer("caravan.answer.snippet-chars"),
                settings.integer("caravan.answer.extractive.max-sentences"), llm,
                settings.integer("caravan.llm.context-tokens"), breaker, settings.integer("caravan.llm.max-concurrent"),
                settings.duration("caravan.llm.queue-timeout"));
    }
}
