package io.caravan.index.lucene;

import static io.caravan.index.ChunkFields.ACL;
import static io.caravan.index.ChunkFields.CHUNK_ID;
import static io.caravan.index.ChunkFields.CHUNK_INDEX;
import static io.caravan.index.ChunkFields.CONTENT;
import static io.caravan.index.ChunkFields.CONTENT_HASH;
import static io.caravan.index.ChunkFields.DOC_ID;
import static io.caravan.index.ChunkFields.EMBEDDING;
import static io.caravan.index.ChunkFields.EMBEDDING_MODEL;
import static io.caravan.index.ChunkFields.INGESTED_AT;
import static io.caravan.index.ChunkFields.MIME_TYPE;
import static io.caravan.index.ChunkFields.MODIFIED_AT;
import static io.caravan.index.ChunkFields.PAGE;
import static io.caravan.index.ChunkFields.SECTION;
import static io.caravan.index.ChunkFields.SOURCE;
import static io.caravan.index.ChunkFields.TITLE;

import io.caravan.index.Chunk;
import io.caravan.index.DocumentChunks;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.FixedBitSet;

/**
 * Maps chunks to Lucene documents and back, with the {@link io.caravan.index.ChunkFields} names
 * (docs/architecture.md#chunk-record). Pure and thread safe. Exact-match metadata is indexed as {@link StringField};
 * {@code content} and {@code title_text} are analyzed for BM25; {@code doc_id} and {@code content_hash} also have
 * sorted doc values so that listing every document's hash reads columns instead of stored fields
 * ({@link #readHashes}). The vector is indexed but not stored: search results do not carry it.
 */
final class ChunkDocuments {

    /** The title analyzed for BM25; {@link io.caravan.index.ChunkFields#TITLE} is the exact value for filters. */
    static final String TITLE_TEXT = "title_text";

    private static final VectorSimilarityFunction SIMILARITY = VectorSimilarityFunction.COSINE;

    private ChunkDocuments() {
    }

    /** One Lucene document per chunk, in chunk order. */
    static List<Document> toDocuments(DocumentChunks document) {
        List<Document> documents = new ArrayList<>(document.chunks().size());
        for (Chunk chunk : document.chunks()) {
            documents.add(toDocument(chunk, document.contentHash()));
        }
        return documents;
    }

    /**
     * The document for one chunk; {@code documentHash} stands in for a chunk without its own hash.
     * Optional fields are left out when {@code null} rather than stored empty, so they read back as {@code null}.
     */
    static Document toDocument(Chunk chunk, String documentHash) {
        Document doc = new Document();
        doc.add(new StringField(CHUNK_ID, chunk.chunkId(), Field.Store.YES));
        doc.add(new StringField(DOC_ID, chunk.docId(), Field.Store.YES));
        doc.add(new SortedDocValuesField(DOC_ID, new BytesRef(chunk.docId())));
        addKeyword(doc, SOURCE, chunk.source());
        doc.add(new StringField(TITLE, chunk.title(), Field.Store.YES));
        doc.add(new TextField(TITLE_TEXT, chunk.title(), Field.Store.NO));
        doc.add(new TextField(CONTENT, chunk.content(), Field.Store.YES));
        doc.add(new StringField(SECTION, chunk.section(), Field.Store.YES));
        if (chunk.page() != null) {
            doc.add(new StoredField(PAGE, chunk.page()));
        }
        doc.add(new StoredField(CHUNK_INDEX, chunk.chunkIndex()));
        String hash = chunk.contentHash() != null ? chunk.contentHash() : documentHash;
        if (hash != null) {
            doc.add(new StringField(CONTENT_HASH, hash, Field.Store.YES));
            doc.add(new SortedDocValuesField(CONTENT_HASH, new BytesRef(hash)));
        }
        addKeyword(doc, MIME_TYPE, chunk.mimeType());
        for (String group : chunk.acl()) {
            doc.add(new StringField(ACL, group, Field.Store.YES));
        }
        addInstant(doc, MODIFIED_AT, chunk.modifiedAt());
        addInstant(doc, INGESTED_AT, chunk.ingestedAt());
        doc.add(new KnnFloatVectorField(EMBEDDING, chunk.embedding(), SIMILARITY));
        addKeyword(doc, EMBEDDING_MODEL, chunk.embeddingModel());
        return doc;
    }

    /** The chunk stored in a document, without its embedding. */
    static Chunk toChunk(Document doc) {
        List<String> acl = new ArrayList<>();
        for (IndexableField field : doc.getFields(ACL)) {
            acl.add(field.stringValue());
        }
        IndexableField page = doc.getField(PAGE);
        return new Chunk(doc.get(CHUNK_ID), doc.get(DOC_ID), doc.get(SOURCE), doc.get(TITLE), doc.get(CONTENT),
                doc.get(SECTION), page == null ? null : page.numericValue().intValue(),
                doc.getField(CHUNK_INDEX).numericValue().intValue(), doc.get(CONTENT_HASH), doc.get(MIME_TYPE), acl,
                instant(doc, MODIFIED_AT), instant(doc, INGESTED_AT), null, doc.get(EMBEDDING_MODEL));
    }

    private static void addKeyword(Document doc, String field, String value) {
        if (value != null) {
            doc.add(new StringField(field, value, Field.Store.YES));
        }
    }

    private static void addInstant(Document doc, String field, Instant value) {
        if (value != null) {
            doc.add(new StoredField(field, value.toEpochMilli()));
        }
    }

    private static Instant instant(Document doc, String field) {
        IndexableField stored = doc.getField(field);
        return stored == null ? null : Instant.ofEpochMilli(stored.numericValue().longValue());
    }

    /** docId to content hash from doc values, looking each distinct value up once per segment. */
    static Map<String, String> readHashes(IndexReader reader) throws IOException {
        Map<String, String> hashes = new HashMap<>();
        for (LeafReaderContext context : reader.leaves()) {
            LeafReader leaf = context.reader();
            SortedDocValues ids = leaf.getSortedDocValues(DOC_ID);
            if (ids == null) {
                continue;
            }
            SortedDocValues contentHashes = leaf.getSortedDocValues(CONTENT_HASH);
            Bits live = leaf.getLiveDocs();
            FixedBitSet seen = new FixedBitSet(Math.max(1, ids.getValueCount()));
            for (int doc = ids.nextDoc(); doc != SortedDocValues.NO_MORE_DOCS; doc = ids.nextDoc()) {
                int ord = ids.ordValue();
                if ((live != null && !live.get(doc)) || seen.getAndSet(ord)) {
                    continue;
                }
                String hash = null;
                if (contentHashes != null && contentHashes.advanceExact(doc)) {
                    hash = contentHashes.lookupOrd(contentHashes.ordValue()).utf8ToString();
                }
                hashes.put(ids.lookupOrd(ord).utf8ToString(), hash);
            }
        }
        return Collections.unmodifiableMap(hashes);
    }
}
