package io.caravan.channel;

import static io.caravan.channel.ApiExceptions.thrownBy;
import static org.assertj.core.api.Assertions.assertThat;

import io.caravan.ingest.DocumentRecord;
import io.caravan.ingest.DocumentStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DocumentListTest {

    @Test
    void should_page_the_matching_documents_and_count_every_status_over_all_of_them() {
        // given: 7 indexed and 3 failed, ordered by docId
        List<DocumentRecord> all = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            all.add(record("doc-" + i + ".pdf", i < 7 ? DocumentStatus.INDEXED : DocumentStatus.FAILED));
        }

        // when
        DocumentList second = DocumentList.of(all, DocumentQuery.read("indexed", null, "2", "3"));
        DocumentList last = DocumentList.of(all, DocumentQuery.read("indexed", null, "3", "3"));
        DocumentList beyond = DocumentList.of(all, DocumentQuery.read("indexed", null, "4", "3"));

        // then
        assertThat(second.documents()).extracting(DocumentRecord::docId)
                .containsExactly("doc-3.pdf", "doc-4.pdf", "doc-5.pdf");
        assertThat(last.documents()).extracting(DocumentRecord::docId).containsExactly("doc-6.pdf");
        assertThat(beyond.documents()).isEmpty();
        assertThat(List.of(second, last, beyond)).allSatisfy(page -> {
            assertThat(page.total()).isEqualTo(7);
            assertThat(page.size()).isEqualTo(3);
            assertThat(page.counts()).containsExactly(Map.entry("pending", 0), Map.entry("indexed", 7),
                    Map.entry("failed", 3), Map.entry("deleted", 0));
        });
        assertThat(second.page()).isEqualTo(2);
    }

    @Test
    void should_match_a_case_insensitive_substring_of_the_doc_id() {
        // given
        List<DocumentRecord> all = List.of(record("hr/Salaries-2025.xlsx", DocumentStatus.INDEXED),
                record("s3://docs/salaries.csv", DocumentStatus.FAILED), record("travel.md", DocumentStatus.INDEXED));

        // when
        DocumentList list = DocumentList.of(all, DocumentQuery.read(null, " SALARIES ", null, null));

        // then
        assertThat(list.documents()).extracting(DocumentRecord::docId)
                .containsExactly("hr/Salaries-2025.xlsx", "s3://docs/salaries.csv");
        assertThat(list.total()).isEqualTo(2);
        assertThat(list.counts()).containsEntry("indexed", 2).containsEntry("failed", 1);
    }

    @Test
    void should_default_to_the_first_page_of_50_of_everything() {
        // given
        List<DocumentRecord> all = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            all.add(record(String.format("doc-%03d", i), DocumentStatus.PENDING));
        }

        // when
        DocumentList list = DocumentList.of(all, DocumentQuery.read(null, null, null, null));

        // then
        assertThat(list.documents()).hasSize(50).first().extracting(DocumentRecord::docId).isEqualTo("doc-000");
        assertThat(list.page()).isEqualTo(1);
        assertThat(list.size()).isEqualTo(DocumentQuery.DEFAULT_SIZE);
        assertThat(list.total()).isEqualTo(120);
        assertThat(list.counts()).containsEntry("pending", 120);
    }

    @Test
    void should_accept_the_largest_page_size() {
        // when
        DocumentQuery query = DocumentQuery.read("Deleted", "", "7", "500");

        // then
        assertThat(query).isEqualTo(new DocumentQuery(DocumentStatus.DELETED, null, 7, 500));
        assertThat(query.offset()).isEqualTo(3000);
    }

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
            "done, null, null", "null, 0, null", "null, -1, null", "null, x, null", "null, 1.5, null",
            "null, null, 0", "null, null, 501", "null, null, abc", "null, 99999999999, null"})
    void should_answer_400_for_a_bad_status_page_or_size(String status, String page, String size) {
        // when / then
        ApiException e = thrownBy(() -> DocumentQuery.read(status, null, page, size), 400);
        assertThat(e.code()).isEqualTo("bad_request");
    }

    private static DocumentRecord record(String docId, DocumentStatus status) {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        return new DocumentRecord(docId, "file", status, 0, "h", null, null, now, now, List.of("staff"));
    }
}
