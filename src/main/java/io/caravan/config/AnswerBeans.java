package io.caravan.config;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import io.caravan.answer.AnswerTimings;
import io.caravan.answer.CitationChecker;
import io.caravan.answer.ExtractiveAnswerGenerator;
import io.caravan.answer.LlmFallback;
import io.caravan.answer.PromptBuilder;
import io.caravan.answer.ScoreFloor;
import io.caravan.answer.StreamingAnswerer;
import io.caravan.cache.AnswerCache;
import io.caravan.conversation.CaffeineConversationMemory;
import io.caravan.conversation.ConversationMemory;
import io.caravan.conversation.ElasticsearchConversationMemory;
import io.caravan.conversation.QuestionCondenser;
import io.caravan.index.elasticsearch.StateIndex;
import io.caravan.llm.ChatModelFactory;
import io.caravan.llm.LlmCircuitBreaker;
import io.caravan.llm.LlmErrorLogger;
import io.caravan.llm.LlmSettings;
import io.caravan.llm.TokenUsageMeter;
import io.caravan.rerank.Rerankers;
import io.caravan.retrieve.HybridRetriever;
import io.caravan.retrieve.MultiQueryRetriever;
import io.caravan.retrieve.QueryVariants;
import io.caravan.throttle.CallerRateLimiter;
import io.caravan.throttle.LlmPermits;
import org.apache.camel.spi.Registry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Optional;

/**
 * The beans of the answer pipeline ({@code pipeline-ask}), in its order: throttle, recall, cache, retrieve, rerank,
 * generate. One chat model, counting its tokens and logging its failures, serves every LLM call (generation,
 * condensing, query variants, reranking), and each of those calls takes one of the LLM permits.
 */
final class AnswerBeans {

    private static final Logger LOG = LoggerFactory.getLogger(AnswerBeans.class);

    private AnswerBeans() {
    }

    static void bind(Registry registry, CaravanSettings settings, CoreBeans core) {
        AnswerSettings answer = settings.answer();
        AskSettings ask = settings.ask();
        LlmSettings llm = answer.llm();
        List<ChatModelListener> listeners = List.of(new TokenUsageMeter(core.meters(), llm), new LlmErrorLogger());
        Optional<ChatModel> chatModel = ChatModelFactory.create(llm, listeners);
        chatModel.ifPresent(model -> registry.bind("chatModel", model));
        LlmPermits permits = new LlmPermits(llm.configured(), answer.maxConcurrent(), answer.queueTimeout(),
                core.meters());
        registry.bind("llmPermits", permits);

        // throttle, recall, cache
        registry.bind("callerRateLimiter", new CallerRateLimiter(ask.rateLimitPerMinute()));
        // conversations are shared where the index is (docs/architecture.md#conversations)
        ConversationMemory conversations = core.elasticsearch()
                .<ConversationMemory>map(client -> new ElasticsearchConversationMemory(client,
                        StateIndex.conversationsAlias(settings.store().elasticsearchIndex()),
                        ask.conversationMaxTurns(), ask.conversationTtl()))
                .orElseGet(() -> new CaffeineConversationMemory(ask.conversationMaxTurns(), ask.conversationTtl(),
                        ask.conversationMaxSessions()));
        registry.bind("conversationMemory", conversations);
        registry.bind("questionCondenser", new QuestionCondenser(chatModel, permits));
        registry.bind("answerCache", new AnswerCache(ask.cacheEnabled(), ask.cacheMaxEntries(), ask.cacheTtl(),
                core.index()::generation, core.meters()));

        // retrieve, rerank
        RetrievalSettings retrieval = settings.retrieval();
        HybridRetriever retriever = new HybridRetriever(core.index(), retrieval.mode(), retrieval.candidates(),
                retrieval.topK());
        registry.bind("hybridRetriever", retriever);
        registry.bind("multiQueryRetriever", new MultiQueryRetriever(retriever, new QueryVariants(chatModel, permits,
                retrieval.rewrite(), retrieval.multiQueryCount()), core.embedding(), retrieval.rrfK()));
        // a reranker's model is loaded only when caravan.rerank.model names it
        registry.bind("reranker", Rerankers.create(settings.rerank(), retrieval.topK(), core.embedding(), chatModel,
                permits));

        // generate
        ExtractiveAnswerGenerator extractive = new ExtractiveAnswerGenerator(answer.extractiveMaxSentences(),
                answer.snippetChars());
        registry.bind("answerGenerator", extractive);
        registry.bind("scoreFloor", new ScoreFloor(answer.minScore()));
        registry.bind("promptBuilder", new PromptBuilder(core.tokens(), answer.contextTokens()));
        CitationChecker checker = new CitationChecker(answer.snippetChars());
        registry.bind("citationChecker", checker);
        registry.bind("llmFallback", new LlmFallback(extractive, core.meters()));
        ChatModelFactory.createStreaming(llm, listeners).ifPresent(model -> registry.bind("streamingAnswerer",
                new StreamingAnswerer(model, checker, llm.timeout())));
        registry.bind(LlmCircuitBreaker.BEAN, LlmCircuitBreaker.configuration(answer.breaker()));
        registry.bind("answerTimings", new AnswerTimings());
        LOG.info("answers: {}", llm.configured() ? "LLM " + llm : "extractive (caravan.llm.provider=none)");
    }
}
