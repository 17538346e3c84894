package io.caravan.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuarantineTest {

    @TempDir
    Path dataDir;

    private DocumentLedger ledger;
    private Quarantine quarantine;

    @BeforeEach
    void open() {
        ledger = new MvStoreDocumentLedger(dataDir);
        quarantine = new Quarantine(ledger);
    }

    @AfterEach
    void close() {
        ledger.close();
    }

    @Test
    void should_record_the_step_of_an_ingest_exception() {
        // given
        var error = new IngestException("parse", "not a valid PDF");

        // when
        quarantine.record("a.pdf", "file", document("a.pdf"), "embed", error);

        // then
        DocumentRecord record = ledger.find("a.pdf").orElseThrow();
        assertThat(record.status()).isEqualTo(DocumentStatus.FAILED);
        assertThat(record.failedStep()).isEqualTo("parse");
        assertThat(record.error()).isEqualTo("not a valid PDF");
        assertThat(record.contentHash()).isEqualTo("hash");
        assertThat(record.source()).isEqualTo("file");
    }

    @Test
    void should_record_the_acl_the_document_was_read_with() {
        // given
        SourceDocument read = new SourceDocument("hr/a.pdf", "file", null, new byte[]{1}, "hash", List.of("hr"), null);

        // when
        quarantine.record("hr/a.pdf", "file", read, "parse", new IngestException("parse", "bad"));

        // then
        assertThat(ledger.find("hr/a.pdf").orElseThrow().acl()).containsExactly("hr");
    }

    @Test
    void should_record_the_acl_of_its_source_rules_when_reading_itself_failed() {
        // given
        AclRules rules = AclRules.parse("k", "hr/**=hr", List.of("public"));
        Quarantine withRules = new Quarantine(ledger, new SourceAcls(java.util.Map.of("file", rules::aclOf)));

        // when
        withRules.record("hr/big.pdf", "file", null, null, new IngestException("read", "over the limit"));
        withRules.record("x@mail", "imap", null, null, new IngestException("read", "broken"));

        // then
        assertThat(ledger.find("hr/big.pdf").orElseThrow().acl()).containsExactly("hr");
        assertThat(ledger.find("x@mail").orElseThrow().acl()).isNull();
    }

    @Test
    void should_find_the_ingest_exception_inside_camel_wrappers() {
        // given
        var error = new RuntimeException("bean failed",
                new IllegalStateException("wrapped", new IngestException("chunk", "no text in document")));

        // when
        quarantine.record("a.pdf", "file", null, "index", error);

        // then
        DocumentRecord record = ledger.find("a.pdf").orElseThrow();
        assertThat(record.failedStep()).isEqualTo("chunk");
        assertThat(record.error()).isEqualTo("no text in document");
        assertThat(record.contentHash()).isNull();
    }

    @Test
    void should_fall_back_to_the_given_step_then_to_ingest() {
        // when
        quarantine.record("a.txt", "file", null, "embed", new IllegalStateException("model timed out"));
        quarantine.record("b.txt", "file", null, null, new IllegalStateException("model timed out"));

        // then
        assertThat(ledger.find("a.txt").orElseThrow().failedStep()).isEqualTo("embed");
        assertThat(ledger.find("b.txt").orElseThrow().failedStep()).isEqualTo("ingest");
    }

    @Test
    void should_give_the_message_with_its_root_cause_as_the_reason() {
        // when
        String reason = Quarantine.reasonOf(new IngestException("read", "cannot read a.txt",
                new IOException("permission denied")));

        // then
        assertThat(reason).isEqualTo("cannot read a.txt: permission denied");
    }

    @Test
    void should_not_repeat_a_root_cause_the_message_already_contains() {
        // when
        String reason = Quarantine.reasonOf(new IngestException("read", "cannot read a.txt: permission denied",
                new IOException("permission denied")));

        // then
        assertThat(reason).isEqualTo("cannot read a.txt: permission denied");
    }

    @Test
    void should_give_a_reason_without_class_names_when_a_wrapper_took_its_message_from_the_cause() {
        // given: new UncheckedIOException(msg, cause) keeps the message; new RuntimeException(cause) copies
        // cause.toString(), class name included
        var wrapped = new RuntimeException(new IOException("disk full"));
        var twice = new RuntimeException(new UncheckedIOException(new IOException("disk full")));

        // when / then
        assertThat(Quarantine.reasonOf(wrapped)).isEqualTo("disk full");
        assertThat(Quarantine.reasonOf(twice)).isEqualTo("disk full");
    }

    @Test
    void should_give_a_one_line_reason_for_a_multi_line_message() {
        // given: parser messages often carry the location on a second line
        var error = new IngestException("parse", "Unexpected character ('x')\n at [Source: a.json; line: 1]",
                new IOException("bad\r\ninput"));

        // when
        String reason = Quarantine.reasonOf(error);

        // then
        assertThat(reason).doesNotContain("\n").doesNotContain("\r")
                .isEqualTo("Unexpected character ('x') at [Source: a.json; line: 1]: bad input");
    }

    @Test
    void should_name_the_exception_type_only_when_there_is_no_message() {
        // when / then
        assertThat(Quarantine.reasonOf(new NullPointerException())).isEqualTo("NullPointerException");
        assertThat(Quarantine.reasonOf(null)).isEqualTo("unknown error");
    }

    private static SourceDocument document(String docId) {
        return new SourceDocument(docId, "file", null, new byte[]{1}, "hash", List.of("public"), null);
    }
}
