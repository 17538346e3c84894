package io.caravan.index.lucene;

import static io.caravan.index.ChunkFields.DOC_ID;
import static io.caravan.index.ChunkFields.EMBEDDING;

import io.caravan.index.Chunk;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.Bits;

/**
 * Reads one document's chunks back whole, vectors included: the stored fields give the chunk
 * ({@link ChunkDocuments#toChunk}), and since the vector is indexed but not stored, each leaf's
 * {@link FloatVectorValues} give it back, exactly as indexed. What a re-label rewrites. Pure and thread safe.
 */
final class StoredChunks {

    private StoredChunks() {
    }

    /** The live chunks of {@code docId} in {@code reader}, in chunk order, each with its embedding. */
    static List<Chunk> read(IndexReader reader, String docId) throws IOException {
        Term id = new Term(DOC_ID, docId);
        List<Chunk> chunks = new ArrayList<>();
        for (LeafReaderContext context : reader.leaves()) {
            LeafReader leaf = context.reader();
            PostingsEnum postings = leaf.postings(id, PostingsEnum.NONE);
            if (postings == null) {
                continue;
            }
            Bits live = leaf.getLiveDocs();
            StoredFields stored = leaf.storedFields();
            // doc ids ascend, so one forward-only pass over the vectors serves them all
            FloatVectorValues vectors = leaf.getFloatVectorValues(EMBEDDING);
            for (int doc = postings.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = postings.nextDoc()) {
                if (live != null && !live.get(doc)) {
                    continue;
                }
                Chunk chunk = ChunkDocuments.toChunk(stored.document(doc));
                chunks.add(withEmbedding(chunk, vectorOf(vectors, doc, docId)));
            }
        }
        chunks.sort(Comparator.comparingInt(Chunk::chunkIndex));
        return chunks;
    }

    private static float[] vectorOf(FloatVectorValues vectors, int doc, String docId) throws IOException {
        if (vectors == null || vectors.docID() > doc || vectors.advance(doc) != doc) {
            throw new IOException("a chunk of " + docId + " has no vector in the index");
        }
        // the values reuse one array
        return vectors.vectorValue().clone();
    }

    private static Chunk withEmbedding(Chunk c, float[] embedding) {
        return new Chunk(c.chunkId(), c.docId(), c.source(), c.title(), c.content(), c.section(), c.page(),
                c.chunkIndex(), c.contentHash(), c.mimeType(), c.acl(), c.modifiedAt(), c.ingestedAt(), embedding,
                c.embeddingModel());
    }
}
