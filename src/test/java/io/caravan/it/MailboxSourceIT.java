package io.caravan.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.user.GreenMailUser;
import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.caravan.it.FileShareIngestionIT.enc;
import static io.caravan.it.RunningCaravan.json;
import static org.assertj.core.api.Assertions.assertThat;

/** The mailbox source end to end: the running application reading a GreenMail mailbox over IMAP. */
class MailboxSourceIT {

    @TempDir
    Path data;
    @TempDir
    Path inbox;
    @TempDir
    Path files;
    Mailboxes mail;
    GreenMailUser docs;
    RunningCaravan caravan;

    @BeforeEach
    void startMail() {
        mail = Mailboxes.start();
        docs = mail.user("docs@example.com", "docs", "docs-secret");
    }

    private void startCaravan(Map<String, String> extra) throws Exception {
        Map<String, String> config = new HashMap<>(Map.of(
                "caravan.jms.enabled", "false",
                "caravan.sources.file.enabled", "false",
                "caravan.sources.mail.enabled", "true",
                "caravan.sources.mail.username", "docs",
                "caravan.sources.mail.password", "docs-secret",
                "caravan.sources.mail.poll-interval", "200ms",
                "caravan.mail.imap.port", Integer.toString(mail.imapPort()),
                "caravan.mail.timeout", "5s"));
        config.putAll(extra);
        caravan = RunningCaravan.start(data, inbox, config);
    }

    @AfterEach
    void stop() {
        if (caravan != null) {
            caravan.close();
        }
        mail.close();
    }

    @Test
    void should_index_the_body_and_each_attachment_and_quarantine_an_unparseable_one() throws Exception {
        // given: a mail with a body, a PDF, a DOCX, a text file and a corrupt PDF
        startCaravan(Map.of());
        byte[] pdf = Files.readAllBytes(Fixtures.pdf(files.resolve("handbook.pdf"), "Introduction to the handbook.",
                "Employees receive 25 days of paid vacation per year."));
        byte[] docx = Files.readAllBytes(Fixtures.docx(files.resolve("coffee.docx"),
                "Espresso is brewed at nine bars of pressure."));
        MimeMessage message = new MimeMessage(mail.session());
        message.setFrom("hr@example.com");
        message.setRecipients(Message.RecipientType.TO, "docs@example.com");
        message.setSubject("Lighthouse rota");
        MimeBodyPart body = new MimeBodyPart();
        body.setText("The keeper lights the lighthouse lamp at dusk every evening.", "UTF-8");
        message.setContent(new MimeMultipart(body,
                attachment("handbook.pdf", pdf, "application/pdf"),
                attachment("coffee.docx", docx,
                        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
                attachment("tides.txt", "Spring tides happen at new and full moon.".getBytes(), "text/plain"),
                attachment("broken.pdf", "%PDF-1.7\nthis is no PDF at all".getBytes(), "application/pdf")));

        // when
        String messageId = mail.send(message);
        String docId = "imap://docs/" + messageId.substring(1, messageId.length() - 1);
        awaitStatus(docId, "indexed");
        awaitStatus(docId + "/handbook.pdf", "indexed");
        awaitStatus(docId + "/coffee.docx", "indexed");
        awaitStatus(docId + "/tides.txt", "indexed");
        awaitStatus(docId + "/broken.pdf", "failed");
        mail.awaitSeen(docs, messageId);

        // then: each is answerable under its own docId, the body titled by the subject
        JsonNode fromBody = json(caravan.ask("When does the keeper light the lamp?")).get("citations").get(0);
        assertThat(fromBody.get("docId").asText()).isEqualTo(docId);
        assertThat(fromBody.get("title").asText()).isEqualTo("Lighthouse rota");
        assertThat(fromBody.get("source").asText()).isEqualTo("mail");
        JsonNode fromPdf = json(caravan.ask("How many vacation days do employees get?")).get("citations").get(0);
        assertThat(fromPdf.get("docId").asText()).isEqualTo(docId + "/handbook.pdf");
        assertThat(fromPdf.get("page").asInt()).isEqualTo(2);
        assertThat(json(caravan.ask("At what pressure is espresso brewed?")).get("citations").get(0).get("docId")
                .asText()).isEqualTo(docId + "/coffee.docx");
        assertThat(json(caravan.ask("When do spring tides happen?")).get("citations").get(0).get("docId").asText())
                .isEqualTo(docId + "/tides.txt");
        JsonNode broken = json(caravan.get("/api/documents/" + enc(docId + "/broken.pdf")));
        assertThat(broken.get("error").asText()).contains("broken.pdf");
        assertThat(mail.inbox(docs)).as("nothing deleted").hasSize(1);
    }

    @Test
    void should_leave_the_mail_unseen_while_its_documents_cannot_be_indexed() throws Exception {
        // given: the index lives on an Elasticsearch cluster that is not there
        startCaravan(Map.of("caravan.store", "elasticsearch",
                "caravan.elasticsearch.url", "http://127.0.0.1:" + freePort(),
                "caravan.elasticsearch.timeout", "2s",
                "caravan.ingest.unavailable-max-delay-ms", "1000"));
        MimeMessage message = new MimeMessage(mail.session());
        message.setFrom("hr@example.com");
        message.setRecipients(Message.RecipientType.TO, "docs@example.com");
        message.setSubject("Lighthouse rota");
        message.setText("The keeper lights the lighthouse lamp at dusk every evening.");

        // when: the mail is taken in and waits for the index (the ledger lives in the cluster too, so the exchange
        // in flight on the source route is what shows it)
        String messageId = mail.send(message);
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(90);
        while (caravan.context().getInflightRepository().size("source-mail") == 0) {
            assertThat(System.nanoTime()).as("the mail was taken in within 90 s").isLessThan(deadline);
            Thread.sleep(100);
        }
        assertThat(caravan.get("/api/documents").statusCode()).isEqualTo(503);

        // then
        assertThat(mail.isSeen(docs, messageId)).isFalse();

        // when: Caravan stops before the index ever answers
        caravan.close();
        caravan = null;

        // then: the mail is still unseen, to be read again
        assertThat(mail.isSeen(docs, messageId)).isFalse();
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static MimeBodyPart attachment(String name, byte[] content, String type) throws Exception {
        MimeBodyPart part = new MimeBodyPart();
        part.setDataHandler(new DataHandler(new ByteArrayDataSource(content, type)));
        part.setFileName(name);
        part.setDisposition(MimeBodyPart.ATTACHMENT);
        return part;
    }

    private void awaitStatus(String docId, String status) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (true) {
            var response = caravan.get("/api/documents/" + enc(docId));
            if (response.statusCode() == 200 && json(response).get("status").asText().equals(status)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(docId + " not " + status + " within 90s: " + response.body());
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }
}
