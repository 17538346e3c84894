package io.caravan.mail;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.Test;

import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class MailBodiesTest {

    private final Session session = Session.getInstance(new Properties());

    @Test
    void should_prefer_the_plain_text_of_an_alternative_and_skip_attachments() throws Exception {
        // given
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(part("Plain question?", "text/plain; charset=UTF-8"));
        alternative.addBodyPart(part("<p>HTML question?</p>", "text/html; charset=UTF-8"));
        MimeBodyPart body = new MimeBodyPart();
        body.setContent(alternative);
        MimeBodyPart attachment = part("attached notes", "text/plain; charset=UTF-8");
        attachment.setFileName("notes.txt");
        attachment.setDisposition(MimeBodyPart.ATTACHMENT);
        MimeMultipart mixed = new MimeMultipart("mixed", attachment, body);
        MimeMessage message = new MimeMessage(session);
        message.setContent(mixed);
        message.saveChanges();

        // then
        assertThat(MailBodies.text(message)).isEqualTo("Plain question?");
        assertThat(MailBodies.isAttachment(attachment)).isTrue();
        assertThat(MailBodies.isAttachment(body)).isFalse();
    }

    @Test
    void should_read_the_visible_text_of_an_html_only_body_without_its_quotes() throws Exception {
        // given
        MimeMessage message = new MimeMessage(session);
        message.setContent("<html><head><style>p{}</style></head><body><div>Where is&nbsp;the office?<br>Thanks"
                + "</div><blockquote>old mail</blockquote><script>x()</script></body></html>", "text/html");
        message.saveChanges();

        // then
        assertThat(MailBodies.text(message)).isEqualTo("Where is the office?\nThanks");
    }

    @Test
    void should_give_an_empty_text_for_a_mail_with_attachments_only() throws Exception {
        // given
        MimeBodyPart pdf = part("%PDF-1.4", "application/pdf");
        pdf.setFileName("report.pdf");
        MimeMessage message = new MimeMessage(session);
        message.setContent(new MimeMultipart(pdf));
        message.saveChanges();

        // then
        assertThat(MailBodies.text(message)).isEmpty();
        assertThat(MailBodies.isAttachment(pdf)).as("a named part that is not text").isTrue();
    }

    private static MimeBodyPart part(String content, String type) throws Exception {
        MimeBodyPart part = new MimeBodyPart();
        part.setContent(content, type);
        return part;
    }
}
