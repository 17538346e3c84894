package io.caravan.llm;

import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.listener.ChatModelResponseContext;
import dev.langchain4j.model.output.TokenUsage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts the prompt and completion tokens every LLM reply reports (its {@link TokenUsage}) as the Micrometer
 * counter {@code caravan.llm.tokens} tagged with provider, model and type ({@code prompt} or {@code completion}).
 * Listens to plain and streaming models alike; a server that reports no usage adds nothing. Thread safe.
 */
public final class TokenUsageMeter implements ChatModelListener {

    /** The counter's name ({@code caravan_llm_tokens_total} on /metrics). */
    public static final String METER = "caravan.llm.tokens";

    private final Counter prompt;
    private final Counter completion;

    public TokenUsageMeter(MeterRegistry registry, LlmSettings settings) {
        this.prompt = counter(registry, settings, "prompt");
        this.completion = counter(registry, settings, "completion");
    }

    private static Counter counter(MeterRegistry registry, LlmSettings settings, String type) {
        // the configured model, not the reply's name for it: one series per configuration, not per server build
        return Counter.builder(METER).description("tokens the LLM read (prompt) and wrote (completion)")
                .tag("provider", settings.providerName()).tag("model", settings.model()).tag("type", type)
                .register(registry);
    }

    @Override
    public void onResponse(ChatModelResponseContext context) {
        TokenUsage usage = context.chatResponse().tokenUsage();
        if (usage == null) {
            return;
        }
        if (usage.inputTokenCount() != null) {
            prompt.increment(usage.inputTokenCount());
        }
        if (usage.outputTokenCount() != null) {
            completion.increment(usage.outputTokenCount());
        }
    }
}
