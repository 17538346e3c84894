package io.caravan.rerank;

import dev.langchain4j.model.chat.ChatModel;
import io.caravan.config.Settings;
import io.caravan.embed.EmbeddingModelSpec;
import io.caravan.embed.EmbeddingModels;
import io.caravan.llm.ChatModelFactory;
import io.caravan.llm.LlmSettings;

import java.util.List;

/** The rerankers by configuration name ({@code caravan.rerank.model}), built from the {@code caravan.*} keys. */
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
     * The named reranker; a model is loaded only here, only for the name that needs it, and nothing connects to an
     * LLM before the first question.
     *
     * @param embedding the index's embedding model
     */
    public static Reranker create(String name, Settings settings, EmbeddingModelSpec embedding) {
        int topK = settings.integer("caravan.retrieval.top-k");
        if (name.equals(NoOpReranker.NAME)) {
            return new NoOpReranker(topK);
        }
        int candidates = settings.integer("caravan.rerank.candidates");
        double weight = settings.decimal("caravan.rerank.weight");
        return switch (name) {
            case ALL_MINILM_L6_V2_Q -> new ScoringModelReranker(name,
                    new BiEncoderScoringModel(EmbeddingModels.load(EmbeddingModels.ALL_MINILM_L6_V2_Q)),
                    candidates, weight, topK);
            case SENTENCE_MAX_SIM -> new ScoringModelReranker(name, new SentenceMaxSimScoringModel(embedding),
                    candidates, weight, topK);
            // an LLM's grades and a bi-encoder's cosines deserve different weights: the LLM has its own key
            case LLM -> new ScoringModelReranker(name, new LlmScoringModel(chatModel(settings),
                    settings.integer("caravan.rerank.llm.batch-size"),
                    settings.integer("caravan.rerank.llm.max-passage-chars")), candidates,
                    settings.decimal("caravan.rerank.llm.weight"), topK);
            default -> throw new IllegalStateException("caravan.rerank.model must be one of " + names() + ", was '"
                    + name + "'");
        };
    }

    private static ChatModel chatModel(Settings settings) {
        return ChatModelFactory.create(LlmSettings.from(settings)).orElseThrow(() -> new IllegalStateException(
                "caravan.rerank.model=llm needs a language model: set caravan.llm.provider (openai or ollama), "
                        + "caravan.llm.model and, if not the provider's default, caravan.llm.base-url"));
    }
}
