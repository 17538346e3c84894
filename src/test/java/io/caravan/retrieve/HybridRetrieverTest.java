package io.caravan.retrieve;

import io.caravan.answer.Question;
import io.caravan.index.Chunk;
import io.caravan.index.Hit;
import io.caravan.index.RecordingHybridIndex;
import io.caravan.index.SearchMode;
import io.caravan.index.SearchRequest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class HybridRetrieverTest {

    /** Returns {@code limit} hits and records the requests. */
    private static final class LimitIndex extends RecordingHybridIndex {
        final List<SearchRequest> requests = new ArrayList<>();

        @Override
        public List<Hit> search(SearchRequest request) {
            requests.add(request);
            return IntStream.range(0, request.limit()).mapToObj(i -> new Hit(new Chunk("d#" + i, "d", "test", "",
                    "text", "", null, i, "hash", "text/plain", List.of("public"), null, null, null, "m"),
                    1.0 / (i + 1))).toList();
        }
    }

    private final LimitIndex index = new LimitIndex();
    private final HybridRetriever retriever = new HybridRetriever(index, SearchMode.HYBRID, 20, 5);

    private static Question question(Integer topK) {
        return new Question("r", "q", null, null, topK, Set.of("public"), "test");
    }

    @Test
    void should_hand_the_reranker_all_candidates_and_cut_only_when_retrieving_directly() {
        // when
        List<Hit> candidates = retriever.candidates(question(null), new float[] {1f});
        List<Hit> retrieved = retriever.retrieve(question(null), new float[] {1f});

        // then
        assertThat(candidates).hasSize(20);
        assertThat(retrieved).hasSize(5).containsExactlyElementsOf(candidates.subList(0, 5));
        assertThat(index.requests).allSatisfy(r -> assertThat(r.mode()).isEqualTo(SearchMode.HYBRID));
    }

    @Test
    void should_ask_for_the_question_s_top_k_when_it_exceeds_the_candidates() {
        // when
        List<Hit> candidates = retriever.candidates(question(30), new float[] {1f});

        // then
        assertThat(candidates).hasSize(30);
    }
}
