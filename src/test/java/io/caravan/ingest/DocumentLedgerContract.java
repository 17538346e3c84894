package io.caravan.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link DocumentLedger} promises, run against each implementation: {@code MvStoreDocumentLedgerTest}
 * on a file, {@code ElasticsearchDocumentLedgerIT} on a real node, each test on fresh storage.
 */
public abstract class DocumentLedgerContract {

    protected static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    private final MutableClock clock = new MutableClock(T0);
    private final List<DocumentLedger> opened = new ArrayList<>();

    /** A new ledger on this test's storage (the same storage on every call, as a restarted or second instance). */
    protected abstract DocumentLedger open(Clock clock);

    protected final DocumentLedger open() {
        DocumentLedger ledger = open(clock);
        opened.add(ledger);
        return ledger;
    }

    protected final void advanceClock(Duration duration) {
        clock.advance(duration);
    }

    @AfterEach
    void closeLedgers() {
        opened.forEach(DocumentLedger::close);
    }

    @Test
    void should_move_a_document_through_pending_indexed_failed_and_deleted() {
        // given
        DocumentLedger ledger = open();
        SourceDocument doc = document("a.txt", "hello");

        // when / then
        ledger.markPending(doc);
        assertThat(ledger.find("a.txt")).get().extracting(DocumentRecord::status).isEqualTo(DocumentStatus.PENDING);

        ledger.markIndexed(doc, 3);
        DocumentRecord indexed = ledger.find("a.txt").orElseThrow();
        assertThat(indexed.status()).isEqualTo(DocumentStatus.INDEXED);
        assertThat(indexed.chunks()).isEqualTo(3);
        assertThat(indexed.contentHash()).isEqualTo(doc.contentHash());

        ledger.markFailed("a.txt", "file", doc.contentHash(), "parse", "not a PDF");
        DocumentRecord failed = ledger.find("a.txt").orElseThrow();
        assertThat(failed.status()).isEqualTo(DocumentStatus.FAILED);
        assertThat(failed.failedStep()).isEqualTo("parse");
        assertThat(failed.error()).isEqualTo("not a PDF");
        assertThat(failed.chunks()).isZero();

        assertThat(ledger.markDeleted("a.txt")).get().extracting(DocumentRecord::status)
                .isEqualTo(DocumentStatus.DELETED);
        DocumentRecord deleted = ledger.find("a.txt").orElseThrow();
        assertThat(deleted.status()).isEqualTo(DocumentStatus.DELETED);
        assertThat(deleted.error()).isNull();
        assertThat(deleted.failedStep()).isNull();
        assertThat(deleted.contentHash()).isEqualTo(doc.contentHash());
        assertThat(deleted.source()).isEqualTo("file");
    }

    @Test
    void should_count_the_documents_of_each_source_in_each_status() {
        // given: two file documents indexed, one pending, one failed; an s3 one deleted
        DocumentLedger ledger = open();
        ledger.markIndexed(document("a.txt", "a"), 1);
        ledger.markIndexed(document("b.txt", "b"), 2);
        ledger.markPending(document("c.txt", "c"));
        ledger.markFailed("d.txt", "file", "hash-d", "parse", "not a PDF");
        ledger.markPending("s3://bucket/e.txt", "s3", "hash-e");
        ledger.markDeleted("s3://bucket/e.txt");

        // when
        var counts = ledger.countBySourceAndStatus();

        // then: a status without documents is absent
        assertThat(counts).containsOnlyKeys("file", "s3");
        assertThat(counts.get("file")).containsExactlyInAnyOrderEntriesOf(java.util.Map.of(
                DocumentStatus.INDEXED, 2L, DocumentStatus.PENDING, 1L, DocumentStatus.FAILED, 1L));
        assertThat(counts.get("s3")).containsExactlyInAnyOrderEntriesOf(java.util.Map.of(
                DocumentStatus.DELETED, 1L));
    }

    @Test
    void should_not_mark_deleted_a_document_it_never_saw() {
        // given
        DocumentLedger ledger = open();

        // when / then
        assertThat(ledger.markDeleted("ghost.txt")).isEmpty();
        assertThat(ledger.find("ghost.txt")).isEmpty();
    }

    @Test
    void should_report_unchanged_only_for_indexed_or_deleted_documents_with_the_same_hash() {
        // given
        DocumentLedger ledger = open();
        SourceDocument v1 = document("a.txt", "version 1");
        SourceDocument v2 = document("a.txt", "version 2");

        // when / then: unknown
        assertThat(ledger.isUnchanged(v1)).isFalse();
        // pending
        ledger.markPending(v1);
        assertThat(ledger.isUnchanged(v1)).isFalse();
        // indexed: same bytes only
        ledger.markIndexed(v1, 1);
        assertThat(ledger.isUnchanged(v1)).isTrue();
        assertThat(ledger.isUnchanged(v2)).isFalse();
        // deleted on purpose: same bytes stay out
        ledger.markDeleted("a.txt");
        assertThat(ledger.isUnchanged(v1)).isTrue();
        assertThat(ledger.isUnchanged(v2)).isFalse();
        // failed: always retried
        ledger.markFailed("a.txt", "file", v1.contentHash(), "embed", "timeout");
        assertThat(ledger.isUnchanged(v1)).isFalse();
    }

    @Test
    void should_keep_created_at_and_move_updated_at_on_every_change() {
        // given
        DocumentLedger ledger = open();
        SourceDocument doc = document("a.txt", "hello");
        ledger.markPending(doc);

        // when
        advanceClock(Duration.ofMinutes(5));
        ledger.markIndexed(doc, 2);

        // then
        DocumentRecord record = ledger.find("a.txt").orElseThrow();
        assertThat(record.createdAt()).isEqualTo(T0);
        assertThat(record.updatedAt()).isEqualTo(T0.plus(Duration.ofMinutes(5)));

        // and when
        advanceClock(Duration.ofMinutes(5));
        ledger.markDeleted("a.txt");

        // then
        DocumentRecord deleted = ledger.find("a.txt").orElseThrow();
        assertThat(deleted.createdAt()).isEqualTo(T0);
        assertThat(deleted.updatedAt()).isEqualTo(T0.plus(Duration.ofMinutes(10)));
    }

    @Test
    void should_keep_every_record_across_close_and_reopen() {
        // given
        DocumentLedger first = open();
        SourceDocument doc = document("dir/a.txt", "hello");
        first.markIndexed(doc, 4);
        first.markFailed("b.pdf", "file", "abc", "parse", "encrypted");
        first.close();
        assertThat(first.isOpen()).isFalse();

        // when
        DocumentLedger reopened = open();

        // then
        assertThat(reopened.isOpen()).isTrue();
        DocumentRecord a = reopened.find("dir/a.txt").orElseThrow();
        assertThat(a.status()).isEqualTo(DocumentStatus.INDEXED);
        assertThat(a.chunks()).isEqualTo(4);
        assertThat(a.createdAt()).isEqualTo(T0);
        assertThat(reopened.isUnchanged(doc)).isTrue();
        DocumentRecord b = reopened.find("b.pdf").orElseThrow();
        assertThat(b.status()).isEqualTo(DocumentStatus.FAILED);
        assertThat(b.failedStep()).isEqualTo("parse");
        assertThat(b.error()).isEqualTo("encrypted");
    }

    @Test
    void should_forget_everything_on_clear_so_the_same_bytes_are_ingested_again() {
        // given
        DocumentLedger first = open();
        SourceDocument doc = document("a.txt", "hello");
        first.markIndexed(doc, 1);
        first.recordSourceVersion("a.txt", "etag-1");

        // when
        first.clear();
        first.close();
        DocumentLedger reopened = open();

        // then
        assertThat(reopened.list()).isEmpty();
        assertThat(reopened.isUnchanged(doc)).isFalse();
        assertThat(reopened.sourceVersion("a.txt")).isNull();
    }

    @Test
    void should_list_live_doc_ids_of_one_source_without_deleted_ones() {
        // given
        DocumentLedger ledger = open();
        ledger.markIndexed(document("b.txt", "b"), 1);
        ledger.markPending("a.txt", "file", "h");
        ledger.markFailed("c.txt", "file", "h", "parse", "bad");
        ledger.markIndexed(document("d.txt", "d"), 1);
        ledger.markDeleted("d.txt");
        ledger.markPending("s3://bucket/e.txt", "s3", "h");

        // when
        var live = ledger.liveDocIds("file");

        // then
        assertThat(live).containsExactly("a.txt", "b.txt", "c.txt");
        assertThat(ledger.liveDocIds("s3")).containsExactly("s3://bucket/e.txt");
        assertThat(ledger.liveDocIds("imap")).isEmpty();
    }

    @Test
    void should_list_every_record_ordered_by_doc_id() {
        // given
        DocumentLedger ledger = open();
        for (String id : List.of("zeta.txt", "alpha.txt", "m/beta.txt", "alpha/b.txt")) {
            ledger.markPending(id, "file", "h");
        }

        // when
        List<DocumentRecord> records = ledger.list();

        // then
        assertThat(records).extracting(DocumentRecord::docId)
                .containsExactly("alpha.txt", "alpha/b.txt", "m/beta.txt", "zeta.txt");
    }

    @Test
    void should_walk_every_record_ordered_by_doc_id_and_then_end() {
        // given
        DocumentLedger ledger = open();
        for (String id : List.of("zeta.txt", "alpha.txt", "m/beta.txt", "alpha/b.txt")) {
            ledger.markPending(id, "file", "h");
        }
        ledger.recordSourceVersion("version-only.txt", "etag");

        // when
        Iterator<DocumentRecord> walk = ledger.walk();
        List<String> walked = new ArrayList<>();
        walk.forEachRemaining(r -> walked.add(r.docId()));

        // then: the entries in order, a version alone no entry, and nothing after the last
        assertThat(walked).containsExactly("alpha.txt", "alpha/b.txt", "m/beta.txt", "zeta.txt");
        assertThat(walk.hasNext()).isFalse();
        assertThatThrownBy(walk::next).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void should_let_a_walk_be_dropped_half_way_and_another_start_afresh() {
        // given
        DocumentLedger ledger = open();
        for (String id : List.of("a.txt", "b.txt", "c.txt")) {
            ledger.markPending(id, "file", "h");
        }

        // when: one walk stops after its first record, nothing closed
        assertThat(ledger.walk().next().docId()).isEqualTo("a.txt");
        ledger.markPending("d.txt", "file", "h");

        // then: the next walk starts from the beginning and sees the later write
        assertThat(ledger.list()).extracting(DocumentRecord::docId)
                .containsExactly("a.txt", "b.txt", "c.txt", "d.txt");
    }

    @Test
    void should_record_the_acl_of_pending_indexed_failed_and_deleted_documents_across_reopen() {
        // given
        DocumentLedger first = open();
        SourceDocument hr = new SourceDocument("hr/pay.txt", "file", null, new byte[]{1}, "h1", List.of("hr"), T0);
        first.markPending(hr);
        assertThat(first.find("hr/pay.txt").orElseThrow().acl()).containsExactly("hr");
        first.markIndexed(hr, 2);
        first.markPending("uploads/a.pdf", "file", "h2", List.of("sales", "exec"));
        first.markFailed("finance/q1.pdf", "file", "h3", List.of("finance"), "parse", "encrypted");
        first.markIndexed(document("gone.txt", "x"), 1);
        first.markDeleted("gone.txt");
        first.close();

        // when
        DocumentLedger reopened = open();

        // then
        assertThat(reopened.find("hr/pay.txt").orElseThrow().acl()).containsExactly("hr");
        assertThat(reopened.find("uploads/a.pdf").orElseThrow().acl()).containsExactly("sales", "exec");
        DocumentRecord failed = reopened.find("finance/q1.pdf").orElseThrow();
        assertThat(failed.acl()).containsExactly("finance");
        assertThat(failed.status()).isEqualTo(DocumentStatus.FAILED);
        DocumentRecord deleted = reopened.find("gone.txt").orElseThrow();
        assertThat(deleted.status()).isEqualTo(DocumentStatus.DELETED);
        assertThat(deleted.acl()).containsExactly("public");
    }

    @Test
    void should_keep_the_known_acl_when_marked_without_one() {
        // given
        DocumentLedger ledger = open();
        ledger.markPending("uploads/a.pdf", "file", "h1", List.of("sales"));

        // when
        ledger.markFailed("uploads/a.pdf", "file", "h1", "parse", "encrypted");
        DocumentRecord failed = ledger.find("uploads/a.pdf").orElseThrow();
        ledger.markPending("uploads/a.pdf", "file", "h2");

        // then
        assertThat(failed.acl()).containsExactly("sales");
        assertThat(ledger.find("uploads/a.pdf").orElseThrow().acl()).containsExactly("sales");
    }

    @Test
    void should_change_only_the_acl_and_update_time_on_relabel() {
        // given
        DocumentLedger ledger = open();
        ledger.markIndexed(document("hr/pay.txt", "pay"), 3);
        DocumentRecord before = ledger.find("hr/pay.txt").orElseThrow();
        advanceClock(Duration.ofMinutes(1));

        // when
        DocumentRecord after = ledger.relabel("hr/pay.txt", List.of("hr", "exec")).orElseThrow();

        // then
        assertThat(after.acl()).containsExactly("hr", "exec");
        assertThat(after).usingRecursiveComparison().ignoringFields("acl", "updatedAt").isEqualTo(before);
        assertThat(after.updatedAt()).isEqualTo(T0.plus(Duration.ofMinutes(1)));
        assertThat(ledger.find("hr/pay.txt").orElseThrow()).isEqualTo(after);
        assertThat(ledger.relabel("unknown.txt", List.of("hr"))).isEmpty();
    }

    @Test
    void should_record_and_forget_the_source_version_without_touching_the_entry() {
        // given
        DocumentLedger ledger = open();
        ledger.markIndexed(document("s3://b/a.txt", "a"), 2);

        // when
        ledger.recordSourceVersion("s3://b/a.txt", "etag-1");
        ledger.recordSourceVersion("s3://b/unseen.txt", "etag-9");
        ledger.markIndexed(document("s3://b/a.txt", "a2"), 3);

        // then: a version alone is no entry, and marks keep the version
        assertThat(ledger.sourceVersion("s3://b/a.txt")).isEqualTo("etag-1");
        assertThat(ledger.sourceVersion("s3://b/unseen.txt")).isEqualTo("etag-9");
        assertThat(ledger.find("s3://b/unseen.txt")).isEmpty();
        assertThat(ledger.list()).extracting(DocumentRecord::docId).containsExactly("s3://b/a.txt");
        assertThat(ledger.find("s3://b/a.txt").orElseThrow().chunks()).isEqualTo(3);

        // and when
        ledger.recordSourceVersion("s3://b/a.txt", null);

        // then
        assertThat(ledger.sourceVersion("s3://b/a.txt")).isNull();
        assertThat(ledger.find("s3://b/a.txt")).isPresent();
    }

    @Test
    void should_keep_a_doc_id_longer_than_an_elasticsearch_id() {
        // given
        String longId = "s3://bucket/" + "deep/".repeat(200) + "file.txt";
        DocumentLedger ledger = open();

        // when
        ledger.markIndexed(document(longId, "x"), 1);
        ledger.recordSourceVersion(longId, "etag");

        // then
        assertThat(ledger.find(longId).orElseThrow().docId()).isEqualTo(longId);
        assertThat(ledger.sourceVersion(longId)).isEqualTo("etag");
        assertThat(ledger.list()).extracting(DocumentRecord::docId).containsExactly(longId);
    }

    protected static SourceDocument document(String docId, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return new SourceDocument(docId, "file", null, bytes, ContentHash.of(bytes), List.of("public"), T0);
    }
}
