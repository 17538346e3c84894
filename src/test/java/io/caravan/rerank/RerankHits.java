package io.caravan.rerank;

import io.caravan.answer.Question;
import io.caravan.index.Chunk;
import io.caravan.index.Hit;

import java.util.List;
import java.util.Set;

/** Hits and questions for reranker tests: a chunk with an id and a text, at a given retrieval score. */
final class RerankHits {

    private RerankHits() {
    }

    static Hit hit(String chunkId, String content, double score) {
        Chunk chunk = new Chunk(chunkId, chunkId.split("#")[0], "test", "", content, "", null, 0, "hash",
                "text/plain", List.of("public"), null, null, null, "model");
        return new Hit(chunk, score);
    }

    static Question question(String text, Integer topK) {
        return new Question("req-1", text, null, null, topK, Set.of("public"), "test");
    }

    static List<String> ids(List<Hit> hits) {
        return hits.stream().map(h -> h.chunk().chunkId()).toList();
    }
}
