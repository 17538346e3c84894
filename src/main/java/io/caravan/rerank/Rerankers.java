package io.caravan.rerank;

import dev.langchain4j.model.chat.ChatModel;
import io.caravan.embed.EmbeddingModelSpec;
import io.caravan.embed.EmbeddingModels;
import io.caravan.throttle.LlmPermits;

import java.util.List;
import java.util.Optional;

/** The rerankers by configuration name ({@code caravan.rerank.model}). */
public final class Rerankers {

    /** Cosine similarity under all-MiniLM-L6-v2, a second in-process model beside the index's. */
    public static final String ALL_MINILM_L6_V2_Q = EmbeddingModels.ALL_MINILM_L6_V2_Q;
    /** Best sentence's cosine similarity under the index's embedding model. */
    public static final String SENTENCE_MAX_SIM = "sentence-max-sim";
    /** Grades from the configured chat model ({@code caravan.llm.*}). */
    public static final String LLM = "llm";
    /** The in-process reranker the evaluation's {@code hybrid+rerank} mode uses when none is configured. */
    public static final String IN_PROCESS_DEFAULT = ALL_MINILM_L6_V2_Q;

    private Rerankers() {
    }

    /** Names {@link #create} accepts. */
    public static List<String> names() {
        return List.of(NoOpReranker.NAME, ALL_MINILM_L6_V2_Q, SENTENCE_MAX_SIM, LLM);
    }

    /**
     * The configured reranker; a model is loaded only here, only for the name that needs it, and nothing connects to
     * an LLM before the first question.
     *
     * @param topK      passages kept when the question does not say ({@code caravan.retrieval.top-k})
     * @param embedding the index's embedding model
     * @param chatModel the one chat model generation uses too, so grading requests are metered and logged alike
     * @param permits   the LLM slots grading requests take, like every other LLM call
     */
    public static Reranker create(RerankSettings settings, int topK, EmbeddingModelSpec embedding,
                                  Optional<ChatModel> chatModel, LlmPermits permits) {
        String name = settings.model();
        if (name.equals(NoOpReranker.NAME)) {
            return new NoOpReranker(topK);
        }
        return switch (name) {
            case ALL_MINILM_L6_V2_Q -> new ScoringModelReranker(name,
                    new BiEncoderScoringModel(EmbeddingModels.load(EmbeddingModels.ALL_MINILM_L6_V2_Q)),
                    settings.candidates(), settings.weight(), topK);
            case SENTENCE_MAX_SIM -> new ScoringModelReranker(name, new SentenceMaxSimScoringModel(embedding),
                    settings.candidates(), settings.weight(), topK);
            // an LLM's grades and a bi-encoder's cosines deserve different weights: the LLM has its own key
            case LLM -> new ScoringModelReranker(name, new LlmScoringModel(chatModel.orElseThrow(() ->
                    new IllegalStateException("caravan.rerank.model=llm needs a language model: set "
                            + "caravan.llm.provider (openai or ollama), caravan.llm.model and, if not the provider's "
                            + "default, caravan.llm.base-url")), permits, settings.llmBatchSize(),
                    settings.llmMaxPassageChars()), settings.candidates(), settings.llmWeight(), topK);
            default -> throw new IllegalStateException("caravan.rerank.model must be one of " + names() + ", was '"
                    + name + "'");
        };
    }
}
