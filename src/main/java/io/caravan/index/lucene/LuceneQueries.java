package io.caravan.index.lucene;

import io.caravan.index.ChunkFields;
import io.caravan.index.Hit;
import io.caravan.index.RankedQuery;
import io.caravan.index.SearchRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.TermToBytesRefAttribute;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.util.BytesRef;

/**
 * Builds the Lucene queries for a {@link SearchRequest} (the ACL and metadata filter, the BM25 text query and the
 * pre-filtered kNN query) and runs one ranked list on a searcher. Thread safe (Lucene analyzers reuse per-thread
 * token streams).
 *
 * <p>The text is never handed to a query parser: it is analyzed and every distinct term becomes an optional
 * clause, so user punctuation ({@code "what? (x) AND -y:"}) is just text and can never make a search fail.
 * Each term matches {@code content}, and {@code title_text} with a small boost, so a chunk whose document title
 * names the query words ranks a little higher without a title match outweighing the passage itself.
 */
final class LuceneQueries {

    /** Far below BooleanQuery's 1024-clause limit, with two clauses per term; longer texts keep their first terms. */
    private static final int MAX_QUERY_TERMS = 256;

    private final Analyzer analyzer;
    private final float titleBoost;

    LuceneQueries(Analyzer analyzer, float titleBoost) {
        this.analyzer = analyzer;
        this.titleBoost = titleBoost;
    }

    /** Chunks the caller may read ({@code acl} intersects its groups) that match every metadata filter. */
    Query filter(SearchRequest request) {
        BooleanQuery.Builder filter = new BooleanQuery.Builder();
        if (request.seesEveryGroup()) {
            // an admin's search: a boolean query without clauses would match nothing
            filter.add(new MatchAllDocsQuery(), BooleanClause.Occur.FILTER);
        } else {
            List<BytesRef> groups = request.groups().stream().map(BytesRef::new).toList();
            filter.add(new TermInSetQuery(ChunkFields.ACL, groups), BooleanClause.Occur.FILTER);
        }
        for (Map.Entry<String, String> entry : request.filters().entrySet()) {
            String field = ChunkFields.filterField(entry.getKey());
            filter.add(new TermQuery(new Term(field, entry.getValue())), BooleanClause.Occur.FILTER);
        }
        return filter.build();
    }

    /** BM25 over content and title, restricted by {@code filter}; {@code null} when the text has no terms. */
    Query bm25(String text, Query filter) {
        Set<BytesRef> terms = analyze(text);
        if (terms.isEmpty()) {
            return null;
        }
        BooleanQuery.Builder anyTerm = new BooleanQuery.Builder();
        for (BytesRef term : terms) {
            anyTerm.add(new TermQuery(new Term(ChunkFields.CONTENT, term)), BooleanClause.Occur.SHOULD);
            anyTerm.add(new BoostQuery(new TermQuery(new Term(ChunkDocuments.TITLE_TEXT, term)), titleBoost),
                    BooleanClause.Occur.SHOULD);
        }
        return new BooleanQuery.Builder()
                .add(anyTerm.build(), BooleanClause.Occur.MUST)
                .add(filter, BooleanClause.Occur.FILTER)
                .build();
    }

    /** The {@code k} nearest vectors among the chunks matching {@code filter} (filtered during the graph search). */
    Query dense(float[] vector, int k, Query filter) {
        return new KnnFloatVectorQuery(ChunkFields.EMBEDDING, vector, k, filter);
    }

    private Set<BytesRef> analyze(String text) {
        Set<BytesRef> terms = new LinkedHashSet<>();
        try (TokenStream stream = analyzer.tokenStream(ChunkFields.CONTENT, text)) {
            TermToBytesRefAttribute term = stream.addAttribute(TermToBytesRefAttribute.class);
            stream.reset();
            // Consume the whole stream (the TokenStream contract) but keep only the first terms.
            while (stream.incrementToken()) {
                if (terms.size() < MAX_QUERY_TERMS) {
                    terms.add(BytesRef.deepCopyOf(term.getBytesRef()));
                }
            }
            stream.end();
        } catch (IOException e) {
            // Analysis reads from a String; an IOException here is a bug in the analyzer, not an I/O condition.
            throw new UncheckedIOException("cannot analyze query text", e);
        }
        return terms;
    }

    /** The hits of one ranked list on {@code searcher}, best first, with {@code filter} applied. */
    List<Hit> rank(IndexSearcher searcher, RankedQuery ranked, Query filter) throws IOException {
        TopDocs top;
        if (ranked instanceof RankedQuery.Dense dense) {
            top = searcher.search(dense(dense.vector(), dense.k(), filter), dense.size());
        } else {
            RankedQuery.Lexical lexical = (RankedQuery.Lexical) ranked;
            Query query = bm25(lexical.text(), filter);
            if (query == null) {
                return List.of();
            }
            top = searcher.search(query, lexical.size());
        }
        StoredFields stored = searcher.storedFields();
        List<Hit> hits = new ArrayList<>(top.scoreDocs.length);
        for (ScoreDoc scoreDoc : top.scoreDocs) {
            hits.add(new Hit(ChunkDocuments.toChunk(stored.document(scoreDoc.doc)), scoreDoc.score));
        }
        return hits;
    }
}
