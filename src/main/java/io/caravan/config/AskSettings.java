package io.caravan.config;

import java.time.Duration;

/**
 * What every channel's questions share: their limits, the per-caller rate, the answer cache and conversations
 * ({@code caravan.ask.*}, {@code caravan.cache.*}, {@code caravan.conversation.*}).
 *
 * @param maxQuestionChars        longest question accepted
 * @param maxTopK                 largest {@code topK} (or search {@code k}) a caller may ask for
 * @param rateLimitPerMinute      questions per caller and minute; 0 is no limit
 * @param cacheEnabled            whether repeated questions are answered from the cache
 * @param cacheTtl                how long a cached answer is served at most
 * @param cacheMaxEntries         answers cached at most
 * @param conversationMaxTurns    earlier turns a conversation keeps
 * @param conversationTtl         how long an unused conversation is kept
 * @param conversationMaxSessions conversations kept at most
 */
public record AskSettings(int maxQuestionChars, int maxTopK, int rateLimitPerMinute, boolean cacheEnabled,
                          Duration cacheTtl, long cacheMaxEntries, int conversationMaxTurns, Duration conversationTtl,
                          int conversationMaxSessions) {

    static AskSettings read(Settings settings) {
        return new AskSettings(settings.integer("caravan.ask.max-question-chars"),
                settings.integer("caravan.ask.max-top-k"), settings.integer("caravan.ask.rate-limit-per-minute"),
                settings.bool("caravan.cache.enabled"), settings.duration("caravan.cache.ttl"),
                settings.integer("caravan.cache.max-entries"), settings.integer("caravan.conversation.max-turns"),
                settings.duration("caravan.conversation.ttl"), settings.integer("caravan.conversation.max-sessions"));
    }
}
