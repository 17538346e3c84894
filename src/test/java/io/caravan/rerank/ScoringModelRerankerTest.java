package io.caravan.rerank;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.output.Response;
import dev.langchain4j.model.scoring.ScoringModel;
import io.caravan.index.Hit;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.caravan.rerank.RerankHits.hit;
import static io.caravan.rerank.RerankHits.ids;
import static io.caravan.rerank.RerankHits.question;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ScoringModelRerankerTest {

    /** Scores each passage by a fixed table and records what it was asked. */
    private static final class TableScoringModel implements ScoringModel {
        final Map<String, Double> table;
        final List<String> queries = new ArrayList<>();
        final List<List<String>> passages = new ArrayList<>();

        TableScoringModel(Map<String, Double> table) {
            this.table = table;
        }

        @Override
        public Response<List<Double>> scoreAll(List<TextSegment> segments, String query) {
            queries.add(query);
            passages.add(segments.stream().map(TextSegment::text).toList());
            return Response.from(segments.stream().map(s -> table.get(s.text())).toList());
        }
    }

    private final List<Hit> candidates = List.of(
            hit("a#0", "alpha", 1.0), hit("b#0", "beta", 0.8), hit("c#0", "gamma", 0.5), hit("d#0", "delta", 0.0));
    private final TableScoringModel model = new TableScoringModel(
            Map.of("alpha", 0.0, "beta", 2.0, "gamma", 10.0, "delta", 4.0));

    @Test
    void should_order_by_the_model_alone_when_the_weight_is_one() {
        // when
        List<Hit> reranked = new ScoringModelReranker("m", model, 10, 1.0, 4).rerank(question("q", null), candidates);

        // then: model scores min-max normalised over the scored candidates
        assertThat(ids(reranked)).containsExactly("c#0", "d#0", "b#0", "a#0");
        assertThat(reranked).extracting(Hit::score).containsExactly(1.0, 0.4, 0.2, 0.0);
    }

    @Test
    void should_blend_the_normalised_model_and_retrieval_scores_by_the_weight() {
        // when
        List<Hit> reranked = new ScoringModelReranker("m", model, 10, 0.25, 4).rerank(question("q", null),
                candidates);

        // then: 0.25 × model + 0.75 × retrieval: a 0.75, b 0.65, c 0.625, d 0.1
        assertThat(ids(reranked)).containsExactly("a#0", "b#0", "c#0", "d#0");
        assertThat(reranked.get(1).score()).isCloseTo(0.25 * 0.2 + 0.75 * 0.8, within(1e-9));
        assertThat(reranked.get(2).score()).isCloseTo(0.25 * 1.0 + 0.75 * 0.5, within(1e-9));
    }

    @Test
    void should_score_only_the_first_candidates_and_keep_the_rest_below_them_in_retrieval_order() {
        // when: only a and b are scored; the question wants all four back
        List<Hit> reranked = new ScoringModelReranker("m", model, 2, 1.0, 4).rerank(question("q", null), candidates);

        // then
        assertThat(model.passages).containsExactly(List.of("alpha", "beta"));
        assertThat(ids(reranked)).containsExactly("b#0", "a#0", "c#0", "d#0");
        assertThat(reranked).extracting(Hit::score).isSortedAccordingTo((x, y) -> Double.compare(y, x));
        assertThat(reranked.get(2).score()).isLessThan(-1.0);
    }

    @Test
    void should_ask_the_model_about_the_question_text_and_cut_to_the_question_s_top_k() {
        // when
        List<Hit> reranked = new ScoringModelReranker("m", model, 10, 1.0, 4).rerank(question("what is c?", 2),
                candidates);

        // then
        assertThat(model.queries).containsExactly("what is c?");
        assertThat(model.passages).containsExactly(List.of("alpha", "beta", "gamma", "delta"));
        assertThat(ids(reranked)).containsExactly("c#0", "d#0");
    }

    @Test
    void should_keep_the_retrieval_order_when_the_model_fails() {
        // given
        ScoringModel failing = (segments, query) -> {
            throw new IllegalStateException("timeout");
        };

        // when
        List<Hit> reranked = new ScoringModelReranker("m", failing, 10, 1.0, 3).rerank(question("q", null),
                candidates);

        // then
        assertThat(reranked).containsExactlyElementsOf(candidates.subList(0, 3));
    }

    @Test
    void should_keep_the_retrieval_order_when_the_model_returns_too_few_or_invalid_scores() {
        // given
        ScoringModel tooFew = (segments, query) -> Response.from(List.of(1.0));
        ScoringModel notANumber = (segments, query) -> Response.from(
                segments.stream().map(s -> Double.NaN).toList());

        // when
        List<Hit> first = new ScoringModelReranker("m", tooFew, 10, 1.0, 4).rerank(question("q", null), candidates);
        List<Hit> second = new ScoringModelReranker("m", notANumber, 10, 1.0, 4).rerank(question("q", null),
                candidates);

        // then
        assertThat(first).containsExactlyElementsOf(candidates);
        assertThat(second).containsExactlyElementsOf(candidates);
    }

    @Test
    void should_not_call_the_model_for_fewer_than_two_candidates() {
        // when
        List<Hit> one = new ScoringModelReranker("m", model, 10, 1.0, 4).rerank(question("q", null),
                candidates.subList(0, 1));

        // then
        assertThat(one).containsExactly(candidates.get(0));
        assertThat(model.queries).isEmpty();
    }

    @Test
    void should_reject_a_weight_outside_zero_to_one_and_no_candidates() {
        assertThatThrownBy(() -> new ScoringModelReranker("m", model, 10, 1.5, 4))
                .hasMessageContaining("caravan.rerank.weight");
        assertThatThrownBy(() -> new ScoringModelReranker("m", model, 10, Double.NaN, 4))
                .hasMessageContaining("caravan.rerank.weight");
        assertThatThrownBy(() -> new ScoringModelReranker("m", model, 0, 0.5, 4))
                .hasMessageContaining("caravan.rerank.candidates");
    }
}
