package io.caravan.ingest.mail;

import io.caravan.ingest.SourceDocument;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class MailboxReaderTest {

    private final Session session = Session.getInstance(new Properties());
    private final MailboxReader reader = new MailboxReader("docs@example.com", List.of("staff"));

    @Test
    void should_make_one_document_of_the_body_and_one_per_attachment_named_by_message_id() throws Exception {
        // given
        MimeMessage message = received(mail("<m1@example.com>", "Spring tides happen at new and full moon.",
                attachment("tides.txt", "Neap tides happen at the quarter moons."),
                attachment("tides.txt", "A second file of the same name."),
                attachment("../../etc/passwd", "no path escapes")));

        // when
        List<SourceDocument> documents = reader.documents(message);

        // then
        assertThat(documents).extracting(SourceDocument::docId).containsExactly(
                "imap://docs@example.com/m1@example.com",
                "imap://docs@example.com/m1@example.com/tides.txt",
                "imap://docs@example.com/m1@example.com/tides-2.txt",
                "imap://docs@example.com/m1@example.com/.._.._etc_passwd");
        assertThat(documents).allSatisfy(d -> {
            assertThat(d.source()).isEqualTo("mail");
            assertThat(d.acl()).containsExactly("staff");
        });
        assertThat(new String(documents.get(1).content(), StandardCharsets.UTF_8))
                .isEqualTo("Neap tides happen at the quarter moons.");
        String body = new String(documents.get(0).content(), StandardCharsets.US_ASCII);
        assertThat(body).contains("Subject: Tides\r\n").contains("Message-ID: <m1@example.com>\r\n")
                .contains("Content-Type: text/plain; charset=UTF-8");
    }

    @Test
    void should_give_the_same_body_bytes_each_time_the_mail_is_read() throws Exception {
        // given
        byte[] raw = bytes(mail("<m2@example.com>", "Same text, same hash.  Ünïcödé too."));

        // when
        SourceDocument first = reader.documents(received(raw)).get(0);
        SourceDocument second = reader.documents(received(raw)).get(0);

        // then
        assertThat(first.contentHash()).isEqualTo(second.contentHash());
    }

    @Test
    void should_skip_an_empty_body_and_name_a_mail_without_message_id_by_its_headers() throws Exception {
        // given
        MimeMessage message = received(mail(null, null, attachment("a.txt", "only an attachment")));
        message.removeHeader("Message-ID");

        // when
        List<SourceDocument> documents = reader.documents(message);

        // then
        assertThat(documents).hasSize(1);
        assertThat(documents.get(0).docId()).matches("imap://docs@example\\.com/no-message-id-[0-9a-f]{16}/a\\.txt");
    }

    private MimeMessage mail(String messageId, String body, MimeBodyPart... attachments) throws Exception {
        MimeMessage message = new MimeMessage(session);
        message.setFrom("ana@example.com");
        message.setSubject("Tides");
        MimeMultipart mixed = new MimeMultipart();
        if (body != null) {
            MimeBodyPart text = new MimeBodyPart();
            text.setText(body, "UTF-8");
            mixed.addBodyPart(text);
        }
        for (MimeBodyPart attachment : attachments) {
            mixed.addBodyPart(attachment);
        }
        message.setContent(mixed);
        message.saveChanges();
        if (messageId != null) {
            message.setHeader("Message-ID", messageId);
        }
        return message;
    }

    private static MimeBodyPart attachment(String name, String text) throws Exception {
        MimeBodyPart part = new MimeBodyPart();
        part.setText(text, "UTF-8");
        part.setFileName(name);
        part.setDisposition(MimeBodyPart.ATTACHMENT);
        return part;
    }

    private static byte[] bytes(MimeMessage message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toByteArray();
    }

    // as the IMAP server hands it over: parsed from its bytes
    private MimeMessage received(MimeMessage message) throws Exception {
        return received(bytes(message));
    }

    private MimeMessage received(byte[] raw) throws Exception {
        return new MimeMessage(session, new ByteArrayInputStream(raw));
    }
}
