package io.caravan.rerank;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.output.Response;
import dev.langchain4j.model.scoring.ScoringModel;
import io.caravan.answer.Question;
import io.caravan.index.Hit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Reranks with any langchain4j {@link ScoringModel}: the first {@code candidates} hits are scored against the
 * question, and each one's new score is {@code weight × model + (1 − weight) × retrieval}, both min-max normalised
 * over those hits (so {@code weight = 1} replaces the retrieval score and the result lies in [0, 1]). Hits after the
 * first {@code candidates} keep their retrieval order below them, with scores under −1 so that scores still descend.
 * If the model fails (an LLM timeout, a reply without grades), the failure is logged and the retrieval order is kept:
 * reranking never fails a question. Thread safe if the model is.
 */
public final class ScoringModelReranker implements Reranker {

    private static final Logger LOG = LoggerFactory.getLogger(ScoringModelReranker.class);

    private final String name;
    private final ScoringModel model;
    private final int candidates;
    private final double weight;
    private final int topK;

    /**
     * @param name       the configuration name
     * @param candidates how many of the first hits the model scores ({@code caravan.rerank.candidates})
     * @param weight     share of the model's score, 0..1 ({@code caravan.rerank.weight})
     * @param topK       hits returned when the question does not say ({@code caravan.retrieval.top-k})
     */
    public ScoringModelReranker(String name, ScoringModel model, int candidates, double weight, int topK) {
        this.name = Objects.requireNonNull(name, "name");
        this.model = Objects.requireNonNull(model, "model");
        if (candidates < 1) {
            throw new IllegalArgumentException("caravan.rerank.candidates must be at least 1, was " + candidates);
        }
        if (!(weight >= 0 && weight <= 1)) {
            throw new IllegalArgumentException("caravan.rerank.weight must be between 0 and 1, was " + weight);
        }
        if (topK < 1) {
            throw new IllegalArgumentException("top-k must be at least 1, was " + topK);
        }
        this.candidates = candidates;
        this.weight = weight;
        this.topK = topK;
    }

    @Override
    public List<Hit> rerank(Question question, List<Hit> hits) {
        int limit = Reranker.topK(question, topK);
        if (hits.size() < 2) {
            return Reranker.cut(hits, limit);
        }
        List<Hit> head = hits.subList(0, Math.min(candidates, hits.size()));
        List<Double> modelScores;
        try {
            modelScores = score(question.text(), head);
        } catch (RuntimeException e) {
            LOG.warn("reranker {} failed, keeping the retrieval order: requestId={} {}", name,
                    question.requestId(), e.toString());
            return Reranker.cut(hits, limit);
        }
        return Reranker.cut(combine(head, modelScores, hits.subList(head.size(), hits.size())), limit);
    }

    private List<Double> score(String query, List<Hit> head) {
        List<TextSegment> segments = head.stream().map(h -> TextSegment.from(h.chunk().content())).toList();
        Response<List<Double>> response = model.scoreAll(segments, query);
        List<Double> scores = response == null ? null : response.content();
        if (scores == null || scores.size() != segments.size()) {
            throw new IllegalStateException("scoring model returned " + (scores == null ? "nothing" : scores.size()
                    + " scores") + " for " + segments.size() + " passages");
        }
        for (Double s : scores) {
            if (s == null || !Double.isFinite(s)) {
                throw new IllegalStateException("scoring model returned a score that is not a number: " + s);
            }
        }
        return scores;
    }

    private List<Hit> combine(List<Hit> head, List<Double> modelScores, List<Hit> tail) {
        Range retrieval = Range.of(head.stream().map(Hit::score).toList());
        Range scored = Range.of(modelScores);
        List<Hit> reranked = new ArrayList<>(head.size() + tail.size());
        for (int i = 0; i < head.size(); i++) {
            double combined = weight * scored.normalise(modelScores.get(i))
                    + (1 - weight) * retrieval.normalise(head.get(i).score());
            reranked.add(head.get(i).withScore(combined));
        }
        // stable: equal scores keep the retrieval order
        reranked.sort(Comparator.comparingDouble(Hit::score).reversed());
        for (Hit hit : tail) {
            // at most 0 on the head's scale (a tail hit scored no higher than the last head hit), so below −1
            reranked.add(hit.withScore(retrieval.normalise(hit.score()) - 1));
        }
        return reranked;
    }

    @Override
    public String name() {
        return name;
    }

    /** The span of a list of scores; when they are all equal, they normalise to 1 and lower ones below 0. */
    private record Range(double min, double max) {
        static Range of(List<Double> values) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (double v : values) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            return new Range(min, max);
        }

        double normalise(double value) {
            double span = max - min;
            if (span > 0) {
                return (value - min) / span;
            }
            return value >= min ? 1 : value - min;
        }
    }
}
