package io.caravan.eval;

import io.caravan.index.Chunk;
import io.caravan.index.Hit;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DocumentRankingsTest {

    private static Hit hit(String docId, int n, double score) {
        return new Hit(new Chunk(Chunk.idOf(docId, n), docId, "eval", docId, "text", null, null, n, "hash",
                "text/plain", List.of("public"), Instant.EPOCH, Instant.EPOCH, null, "model"), score);
    }

    @Test
    void should_fold_chunks_into_documents_scored_by_their_best_chunk_in_first_occurrence_order() {
        // given
        List<Hit> hits = List.of(hit("b", 1, 0.9), hit("a", 0, 0.8), hit("b", 0, 0.7), hit("c", 2, 0.6),
                hit("a", 1, 0.5));

        // when
        List<RankedDocument> documents = DocumentRankings.fold(hits, 100);

        // then
        assertThat(documents).containsExactly(new RankedDocument("b", 0.9), new RankedDocument("a", 0.8),
                new RankedDocument("c", 0.6));
    }

    @Test
    void should_keep_at_most_the_limit() {
        // given
        List<Hit> hits = List.of(hit("a", 0, 3), hit("b", 0, 2), hit("c", 0, 1));

        // when / then
        assertThat(DocumentRankings.ids(DocumentRankings.fold(hits, 2))).containsExactly("a", "b");
    }
}
