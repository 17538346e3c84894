package io.caravan.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.caravan.ingest.parse.ScannedPages;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import static io.caravan.it.RunningCaravan.await;
import static io.caravan.it.RunningCaravan.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scans through the file share and the HTTP API with Debian's Tesseract (docs/architecture.md#ocr): a scanned PDF
 * answers from the right page, an image is searchable, and without the needed language pack a scan is quarantined
 * saying what to install.
 */
class OcrIT {

    @TempDir
    Path data;
    @TempDir
    Path inbox;

    @Test
    void should_answer_from_a_scanned_pdf_with_its_page_and_find_text_in_an_image() throws Exception {
        try (RunningCaravan caravan = RunningCaravan.start(data, inbox, Map.of("caravan.jms.enabled", "false"))) {
            // given: a two-page scan with no text layer, and a photographed notice
            NotifyBuilder done = caravan.notifier().fromRoute("source-file").whenDone(2).create();
            Fixtures.bytes(inbox.resolve("lease-scan.pdf"), ScannedPages.pdf(
                    ScannedPages.page(0, "Warehouse lease, signed in Bergen.", "The parties are Fjord Storage AS",
                            "and Caravan Logistics."),
                    ScannedPages.page(0.7, "The lease of the warehouse ends on 31 March 2031.",
                            "Rent is reviewed every second year.")));
            Fixtures.bytes(inbox.resolve("notice.png"), ScannedPages.png(
                    ScannedPages.page(0, "Fire doors on the loading dock must be kept closed.")));
            await(done, 180);

            // when
            JsonNode answer = json(caravan.ask("When does the lease of the warehouse end?"));
            JsonNode hits = json(caravan.get("/api/search?k=1&q=" + URLEncoder.encode("fire doors loading dock",
                    StandardCharsets.UTF_8))).get("hits");

            // then
            JsonNode citation = answer.get("citations").get(0);
            assertThat(citation.get("docId").asText()).isEqualTo("lease-scan.pdf");
            assertThat(citation.get("page").asInt()).isEqualTo(2);
            assertThat(answer.get("answer").asText()).contains("31 March 2031");
            assertThat(hits.get(0).get("docId").asText()).isEqualTo("notice.png");
            assertThat(hits.get(0).get("content").asText()).contains("Fire doors");
            assertThat(json(caravan.get("/api/health")).get("ocr").asText()).isEqualTo("available");
        }
    }

    @Test
    void should_quarantine_a_scan_naming_the_language_pack_to_install_when_it_is_missing() throws Exception {
        try (RunningCaravan caravan = RunningCaravan.start(data, inbox, Map.of("caravan.jms.enabled", "false",
                "caravan.ocr.languages", "eng+xyz"))) {
            // given
            NotifyBuilder done = caravan.notifier().fromRoute("source-file").whenDone(1).create();
            Fixtures.bytes(inbox.resolve("contract-scan.pdf"), ScannedPages.pdf(
                    ScannedPages.page(0, "This contract is scanned.")));
            await(done, 120);

            // when
            JsonNode document = json(caravan.get("/api/documents/contract-scan.pdf"));
            JsonNode health = json(caravan.get("/api/health"));

            // then: quarantined with the reason, and the instance still ready
            assertThat(document.get("status").asText()).isEqualTo("failed");
            assertThat(document.get("failedStep").asText()).isEqualTo("parse");
            assertThat(document.get("error").asText()).contains("has no text layer, and OCR is unavailable")
                    .contains("install tesseract-ocr-xyz");
            assertThat(health.get("ocr").asText()).isEqualTo("unavailable");
            assertThat(health.get("ready").asBoolean()).isTrue();
        }
    }
}
