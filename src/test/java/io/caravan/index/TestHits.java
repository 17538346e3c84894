package io.caravan.index;

import java.util.List;

/** Hits for fusion tests: a chunk that only has an id, with a given score. */
final class TestHits {

    private TestHits() {
    }

    static Hit hit(String chunkId, double score) {
        Chunk chunk = new Chunk(chunkId, "doc", "test", "", "text", "", null, 0, "hash", "text/plain",
                List.of("public"), null, null, null, "model");
        return new Hit(chunk, score);
    }

    static List<String> ids(List<Hit> hits) {
        return hits.stream().map(h -> h.chunk().chunkId()).toList();
    }
}
