package io.caravan.rerank;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.CosineSimilarity;
import io.caravan.answer.SentenceSplitter;
import io.caravan.embed.EmbeddingModelSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * Scores each passage by its best-matching sentence: every sentence is embedded on its own and the passage gets the
 * highest cosine similarity to the query. A passage that answers the question in one sentence among unrelated ones
 * is no longer diluted by them, as it is in the passage's single vector. Thread safe: the ONNX models are.
 */
public final class SentenceMaxSimScoringModel extends EmbeddingScoringModel {

    /** Scores with {@code spec}'s model, giving queries its query prefix and sentences none. */
    public SentenceMaxSimScoringModel(EmbeddingModelSpec spec) {
        super(spec);
    }

    @Override
    List<Double> score(List<TextSegment> segments, Embedding queryEmbedding) {
        // all sentences of all passages in one batch, so the model spreads them over its threads
        List<TextSegment> sentences = new ArrayList<>();
        int[] firstSentence = new int[segments.size() + 1];
        for (int i = 0; i < segments.size(); i++) {
            firstSentence[i] = sentences.size();
            List<String> split = SentenceSplitter.split(segments.get(i).text());
            if (split.isEmpty()) {
                split = List.of(segments.get(i).text());
            }
            split.forEach(s -> sentences.add(TextSegment.from(s)));
        }
        firstSentence[segments.size()] = sentences.size();
        List<Embedding> embeddings = model.embedAll(sentences).content();
        List<Double> scores = new ArrayList<>(segments.size());
        for (int i = 0; i < segments.size(); i++) {
            double best = -1;
            for (int s = firstSentence[i]; s < firstSentence[i + 1]; s++) {
                best = Math.max(best, CosineSimilarity.between(queryEmbedding, embeddings.get(s)));
            }
            scores.add(best);
        }
        return scores;
    }
}
