package io.caravan.ingest.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.caravan.index.IndexUnavailableException;
import io.caravan.index.elasticsearch.ElasticsearchConnection;
import io.caravan.index.elasticsearch.ElasticsearchIndexReplacement;
import io.caravan.index.elasticsearch.StateIndex;
import io.caravan.ingest.DocumentLedger;
import io.caravan.ingest.DocumentLedgerContract;
import io.caravan.ingest.DocumentRecord;
import io.caravan.ingest.DocumentStatus;
import io.caravan.ingest.SourceDocument;
import io.caravan.it.ElasticsearchNode;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The ledger contract on a real Elasticsearch node (the test harness's), each test on its own alias, plus what only
 * a shared ledger shows: two instances on one alias, paging and walking page by page, concurrent marks, and the move
 * with a reindex.
 */
class ElasticsearchDocumentLedgerIT extends DocumentLedgerContract {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger TESTS = new AtomicInteger();

    private final ElasticsearchNode node = ElasticsearchNode.shared();
    private final String chunks = "caravan-ledger-it-" + TESTS.incrementAndGet() + "-"
            + UUID.randomUUID().toString().substring(0, 8);
    private final List<RestClient> clients = new ArrayList<>();

    @Override
    protected DocumentLedger open(Clock clock) {
        return ledger(StateIndex.ledgerAlias(chunks), clock, ElasticsearchDocumentLedger.DEFAULT_PAGE_SIZE);
    }

    private ElasticsearchDocumentLedger ledger(String alias, Clock clock, int pageSize) {
        return new ElasticsearchDocumentLedger(client(), alias, clock, pageSize);
    }

    private ElasticsearchClient client() {
        RestClient rest = ElasticsearchConnection.to(node.url().toString(), Duration.ofSeconds(30)).openRestClient();
        clients.add(rest);
        return ElasticsearchConnection.apiClient(rest, JSON);
    }

    @AfterEach
    void deleteIndices() throws Exception {
        for (RestClient rest : clients) {
            rest.close();
        }
        node.request("DELETE", chunks + "*", null);
    }

    @Test
    void should_keep_its_entries_behind_an_alias_beside_the_chunks_with_a_strict_mapping() throws Exception {
        // when
        open().markIndexed(document("a.txt", "a"), 1);

        // then
        JsonNode aliases = json(node.request("GET", "_alias/" + chunks + "-ledger", null).body());
        assertThat(aliases.fieldNames()).toIterable().containsExactly(chunks + "-ledger-000001");
        JsonNode mapping = json(node.request("GET", chunks + "-ledger/_mapping", null).body())
                .path(chunks + "-ledger-000001").path("mappings");
        assertThat(mapping.path("dynamic").asText()).isEqualTo("strict");
        assertThat(mapping.path("properties").path("doc_id").path("type").asText()).isEqualTo("keyword");
        assertThat(mapping.path("properties").path("updated_at").path("type").asText()).isEqualTo("date");
    }

    @Test
    void should_show_each_instance_the_writes_of_the_other_at_once() {
        // given: two Caravans on one alias
        DocumentLedger first = open();
        DocumentLedger second = open();

        // when: an upload accepted by one, a document indexed by the other
        first.markPending("uploads/a.pdf", "file", "h1", List.of("sales"));
        second.markIndexed(document("b.txt", "b"), 2);

        // then: each one's next read sees both, listing included (no refresh waited for)
        assertThat(second.list()).extracting(DocumentRecord::docId).containsExactly("b.txt", "uploads/a.pdf");
        assertThat(first.list()).extracting(DocumentRecord::docId).containsExactly("b.txt", "uploads/a.pdf");
        assertThat(first.find("b.txt").orElseThrow().chunks()).isEqualTo(2);
        assertThat(second.find("uploads/a.pdf").orElseThrow().acl()).containsExactly("sales");
        assertThat(second.liveDocIds("file")).containsExactly("b.txt", "uploads/a.pdf");

        // and when: one deletes, the other clears
        second.markDeleted("b.txt");
        assertThat(first.find("b.txt").orElseThrow().status()).isEqualTo(DocumentStatus.DELETED);
        first.clear();

        // then: both see an empty ledger, and both write on
        assertThat(second.list()).isEmpty();
        assertThat(second.find("uploads/a.pdf")).isEmpty();
        second.markPending("c.txt", "file", "h");
        assertThat(first.list()).extracting(DocumentRecord::docId).containsExactly("c.txt");
    }

    @Test
    void should_list_every_entry_across_pages() {
        // given: 3 entries a page
        ElasticsearchDocumentLedger ledger = ledger(StateIndex.ledgerAlias(chunks), Clock.systemUTC(), 3);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ids.add(String.format("doc-%02d.txt", i));
        }
        ids.forEach(id -> ledger.markPending(id, "file", "h"));
        ledger.recordSourceVersion("version-only.txt", "etag");

        // when
        List<DocumentRecord> records = ledger.list();

        // then: all ten, in order, none twice, a version alone no entry
        assertThat(records).extracting(DocumentRecord::docId).containsExactlyElementsOf(ids);
        ledger.markPending("doc-99.txt", "file", "h");
        assertThat(ledger.list()).hasSize(11);
        ledger.close();
    }

    @Test
    void should_walk_25_entries_4_a_page_reading_each_page_only_when_it_gets_there() {
        // given: 25 entries, and a ledger reading 4 a page through a client that keeps its searches
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            ids.add(String.format("doc-%02d.txt", i));
        }
        DocumentLedger writer = open();
        ids.forEach(id -> writer.markPending(id, "file", "h"));
        List<SearchRequest> searches = new ArrayList<>();
        ElasticsearchDocumentLedger ledger = new ElasticsearchDocumentLedger(searchKeeping(searches),
                StateIndex.ledgerAlias(chunks), Clock.systemUTC(), 4);

        // when: the walk reads its first page's 4 entries, then one more
        Iterator<DocumentRecord> walk = ledger.walk();
        List<String> walked = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            walked.add(walk.next().docId());
        }
        int afterFirstPage = searches.size();
        walked.add(walk.next().docId());
        int afterFifthEntry = searches.size();
        walk.forEachRemaining(r -> walked.add(r.docId()));

        // then: one search for the first page, a second only for the fifth entry; all 25 in order over 7 pages of
        // at most 4, each after the last docId of the one before
        assertThat(afterFirstPage).isEqualTo(1);
        assertThat(afterFifthEntry).isEqualTo(2);
        assertThat(walked).containsExactlyElementsOf(ids);
        assertThat(searches).hasSize(7).allSatisfy(search -> assertThat(search.size()).isEqualTo(4));
        assertThat(searches.get(0).searchAfter()).isEmpty();
        for (int page = 1; page < 7; page++) {
            assertThat(searches.get(page).searchAfter()).extracting(FieldValue::stringValue)
                    .containsExactly(ids.get(page * 4 - 1));
        }
    }

    @Test
    void should_search_no_further_once_a_walk_is_dropped() {
        // given: 25 entries, 4 a page
        DocumentLedger writer = open();
        for (int i = 0; i < 25; i++) {
            writer.markPending(String.format("doc-%02d.txt", i), "file", "h");
        }
        List<SearchRequest> searches = new ArrayList<>();
        ElasticsearchDocumentLedger ledger = new ElasticsearchDocumentLedger(searchKeeping(searches),
                StateIndex.ledgerAlias(chunks), Clock.systemUTC(), 4);

        // when: a caller takes 6 entries and drops the walk, with nothing to close
        Iterator<DocumentRecord> walk = ledger.walk();
        for (int i = 0; i < 6; i++) {
            walk.next();
        }
        ledger.find("doc-00.txt");

        // then: the two pages it reached were searched for, no other
        assertThat(searches).hasSize(2);
    }

    @Test
    void should_report_an_outage_met_half_way_through_a_walk_as_the_index_unavailable() {
        // given: a walk over 10 entries, 4 a page, through a client whose searches fail after the first
        DocumentLedger writer = open();
        for (int i = 0; i < 10; i++) {
            writer.markPending(String.format("doc-%02d.txt", i), "file", "h");
        }
        ElasticsearchDocumentLedger ledger = new ElasticsearchDocumentLedger(failingAfterOneSearch(),
                StateIndex.ledgerAlias(chunks), Clock.systemUTC(), 4);
        Iterator<DocumentRecord> walk = ledger.walk();
        for (int i = 0; i < 4; i++) {
            walk.next();
        }

        // when / then: the second page fails as every ledger call does in an outage (the API's 503)
        assertThatThrownBy(walk::hasNext).isInstanceOf(IndexUnavailableException.class)
                .hasCauseInstanceOf(ConnectException.class);
    }

    @Test
    void should_lose_no_change_when_two_instances_change_one_document_at_once() throws Exception {
        // given: one instance indexes the document again and again while the other records source versions
        DocumentLedger first = open();
        DocumentLedger second = open();
        first.markPending("s3://b/a.txt", "s3", "h", List.of("public"));
        DocumentRecord created = first.find("s3://b/a.txt").orElseThrow();
        int rounds = 40;
        SourceDocument doc = new SourceDocument("s3://b/a.txt", "s3", null, new byte[] {1}, "h", List.of("hr"), T0);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            // when
            Callable<Void> indexing = () -> {
                for (int i = 1; i <= rounds; i++) {
                    first.markIndexed(doc, i);
                }
                return null;
            };
            Callable<Void> versions = () -> {
                for (int i = 1; i <= rounds; i++) {
                    second.recordSourceVersion("s3://b/a.txt", "etag-" + i);
                }
                return null;
            };
            List<Future<Void>> done = pool.invokeAll(List.of(indexing, versions));
            for (Future<Void> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }

        // then: the last mark and the last version are both there, on the entry first created
        DocumentRecord last = second.find("s3://b/a.txt").orElseThrow();
        assertThat(last.status()).isEqualTo(DocumentStatus.INDEXED);
        assertThat(last.chunks()).isEqualTo(rounds);
        assertThat(last.acl()).containsExactly("hr");
        assertThat(last.createdAt()).isEqualTo(created.createdAt());
        assertThat(first.sourceVersion("s3://b/a.txt")).isEqualTo("etag-" + rounds);
    }

    @Test
    void should_move_the_ledger_with_the_chunks_when_a_reindex_replaces_the_index() throws Exception {
        // given: a live chunk index and ledger, and a rebuild behind a staging alias with a ledger of its own
        String staging = ElasticsearchIndexReplacement.stagingAlias(chunks);
        createIndexBehind(chunks);
        createIndexBehind(staging);
        DocumentLedger live = open();
        live.markIndexed(document("old-only.txt", "old"), 1);
        live.markIndexed(document("kept.txt", "v1"), 1);
        DocumentLedger rebuilt = ledger(StateIndex.ledgerAlias(staging), Clock.systemUTC(), 100);
        rebuilt.markIndexed(document("kept.txt", "v2"), 3);
        ElasticsearchIndexReplacement replacement = new ElasticsearchIndexReplacement(
                ElasticsearchConnection.to(node.url().toString(), Duration.ofSeconds(30)), chunks, staging);

        // when
        replacement.replace();
        replacement.dropOld();

        // then: the live instance's ledger now describes the new index, and the old ledger is gone
        assertThat(live.list()).extracting(DocumentRecord::docId).containsExactly("kept.txt");
        assertThat(live.find("kept.txt").orElseThrow().chunks()).isEqualTo(3);
        JsonNode aliases = json(node.request("GET", "_alias/" + chunks + "-ledger", null).body());
        assertThat(aliases.fieldNames()).toIterable().containsExactly(staging + "-ledger-000001");
        assertThat(node.request("GET", chunks + "-ledger-000001", null).statusCode()).isEqualTo(404);
        assertThat(node.request("GET", "_alias/" + staging + "-ledger", null).statusCode()).isEqualTo(404);
        // and it keeps writing there
        live.markDeleted("kept.txt");
        assertThat(open().find("kept.txt").orElseThrow().status()).isEqualTo(DocumentStatus.DELETED);
        rebuilt.close();
    }

    /** A client of the test node that adds every search it sends to {@code searches}. */
    private ElasticsearchClient searchKeeping(List<SearchRequest> searches) {
        return new ElasticsearchClient(client()._transport()) {
            @Override
            public <T> SearchResponse<T> search(SearchRequest request, Class<T> type) throws IOException {
                searches.add(request);
                return super.search(request, type);
            }
        };
    }

    /** A client of the test node whose searches after the first fail as if the node had gone. */
    private ElasticsearchClient failingAfterOneSearch() {
        AtomicInteger searches = new AtomicInteger();
        return new ElasticsearchClient(client()._transport()) {
            @Override
            public <T> SearchResponse<T> search(SearchRequest request, Class<T> type) throws IOException {
                if (searches.incrementAndGet() > 1) {
                    throw new ConnectException("Connection refused");
                }
                return super.search(request, type);
            }
        };
    }

    private void createIndexBehind(String alias) {
        String body = "{\"aliases\":{\"" + alias + "\":{\"is_write_index\":true}}}";
        assertThat(node.request("PUT", alias + "-000001", body).statusCode()).isEqualTo(200);
    }

    private static JsonNode json(String body) throws Exception {
        return JSON.readTree(body);
    }
}
