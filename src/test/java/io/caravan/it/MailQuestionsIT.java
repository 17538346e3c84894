package io.caravan.it;

import com.icegreen.greenmail.user.GreenMailUser;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

import static io.caravan.it.Mailboxes.header;
import static io.caravan.it.Mailboxes.messageIdOf;
import static io.caravan.it.RunningCaravan.await;
import static org.assertj.core.api.Assertions.assertThat;

/** The e-mail channel end to end: the running application, a GreenMail SMTP/IMAP server and real mail clients. */
class MailQuestionsIT {

    private static final Pattern REQUEST_ID = Pattern.compile("Request id: [0-9A-F]{15}-[0-9A-F]{16}");

    @TempDir
    static Path data;
    @TempDir
    static Path inbox;
    static Mailboxes mail;
    static GreenMailUser questions;
    static GreenMailUser ana;
    static GreenMailUser eve;
    static RunningCaravan caravan;

    @BeforeAll
    static void start() throws Exception {
        mail = Mailboxes.start();
        questions = mail.user("ask@caravan.test", "ask", "ask-secret");
        ana = mail.user("ana@example.com", "ana", "ana-secret");
        eve = mail.user("eve@elsewhere.test", "eve", "eve-secret");
        caravan = RunningCaravan.start(data, inbox, mailConfig(mail.smtpPort(), "ask", "ask-secret"));
        NotifyBuilder indexed = caravan.notifier().fromRoute("source-file").whenCompleted(2).create();
        Fixtures.volcanoText(inbox);
        Fixtures.coffeeMarkdown(inbox);
        await(indexed, 120);
    }

    @AfterAll
    static void stop() {
        if (caravan != null) {
            caravan.close();
        }
        mail.close();
    }

    static Map<String, String> mailConfig(int smtpPort, String login, String password) {
        return mailConfig(mail, smtpPort, login, password);
    }

    /** The mail channel's settings against {@code servers}' IMAP and the SMTP port given, for the channel's ITs. */
    static Map<String, String> mailConfig(Mailboxes servers, int smtpPort, String login, String password) {
        Map<String, String> config = new HashMap<>();
        config.put("caravan.jms.enabled", "false");
        config.put("caravan.mail.enabled", "true");
        config.put("caravan.mail.imap.port", Integer.toString(servers.imapPort()));
        config.put("caravan.mail.smtp.port", Integer.toString(smtpPort));
        config.put("caravan.mail.username", login);
        config.put("caravan.mail.password", password);
        config.put("caravan.mail.from", "ask@caravan.test");
        config.put("caravan.mail.allowed-senders", "@example.com, bob@partner.test");
        config.put("caravan.mail.poll-interval", "200ms");
        config.put("caravan.mail.timeout", "5s");
        return config;
    }

    @Test
    void should_answer_an_allowed_sender_in_the_thread_with_the_answer_and_numbered_sources() throws Exception {
        // given: a reply in an existing thread, with a signature and quoted history below the question
        MimeMessage question = new MimeMessage(mail.session());
        question.setFrom(new InternetAddress("ana@example.com", "Ana Example"));
        question.setRecipients(Message.RecipientType.TO, "ask@caravan.test");
        question.setSubject("Krakatoa");
        question.setHeader("References", "<thread-start@example.com>");
        question.setText("How long did Krakatoa ash lower global temperatures?\n\n-- \nAna Example\nGeology dept.\n\n"
                + "On Mon, 2 Jun 2025 at 10:00, Bob <bob@example.com> wrote:\n> At what pressure is espresso brewed?\n",
                "UTF-8");

        // when
        String messageId = mail.send(question);
        MimeMessage reply = mail.awaitMessage(ana, m -> messageId.equals(header(m, "In-Reply-To")));

        // then
        assertThat(reply.getSubject()).isEqualTo("Re: Krakatoa");
        assertThat(header(reply, "References")).isEqualTo("<thread-start@example.com> " + messageId);
        assertThat(reply.getFrom()).extracting(a -> ((InternetAddress) a).getAddress()).containsExactly("ask@caravan.test");
        assertThat(header(reply, "Auto-Submitted")).isEqualTo("auto-replied");
        String text = ((String) reply.getContent()).replace("\r\n", "\n");
        assertThat(text).contains("five years").contains("[1]")
                .contains("Sources:\n[1] volcano.txt\n")
                .doesNotContain("coffee.md");
        assertThat(text).containsPattern(REQUEST_ID);
        mail.awaitSeen(questions, messageId);
    }

    @Test
    void should_reply_to_the_reply_to_address_without_stacking_re() throws Exception {
        // given: an HTML-only mail whose replies go to a colleague of the same domain
        MimeMessage question = new MimeMessage(mail.session());
        question.setFrom("ana@example.com");
        question.setReplyTo(InternetAddress.parse("Bob <bob@example.com>"));
        question.setRecipients(Message.RecipientType.TO, "ask@caravan.test");
        question.setSubject("RE: coffee");
        question.setContent("<html><body><p>At what pressure is <b>espresso</b> brewed?</p>"
                + "<blockquote>How long did Krakatoa ash lower global temperatures?</blockquote></body></html>",
                "text/html; charset=UTF-8");
        GreenMailUser bob = mail.user("bob@example.com", "bob", "bob-secret");

        // when
        String messageId = mail.send(question);
        MimeMessage reply = mail.awaitMessage(bob, m -> messageId.equals(header(m, "In-Reply-To")));

        // then
        assertThat(reply.getSubject()).isEqualTo("RE: coffee");
        String text = (String) reply.getContent();
        assertThat(text).contains("nine bars").contains("coffee.md").doesNotContain("volcano.txt");
        assertThat(mail.inbox(ana)).noneMatch(m -> messageId.equals(header(m.getMimeMessage(), "In-Reply-To")));
    }

    @Test
    void should_mark_a_mail_from_a_sender_outside_the_allowed_list_seen_and_never_answer_it() throws Exception {
        // given
        MimeMessage question = new MimeMessage(mail.session());
        question.setFrom("eve@elsewhere.test");
        question.setRecipients(Message.RecipientType.TO, "ask@caravan.test");
        question.setSubject("Krakatoa");
        question.setText("How long did Krakatoa ash lower global temperatures?");

        // when
        String messageId = mail.send(question);
        mail.awaitSeen(questions, messageId);

        // then: the reply would have been sent before the mail was marked seen
        assertThat(mail.inbox(eve)).isEmpty();
    }

    @Test
    void should_ignore_an_auto_reply_and_a_bounce_from_allowed_domains() throws Exception {
        // given: an out-of-office from an allowed sender
        MimeMessage outOfOffice = new MimeMessage(mail.session());
        outOfOffice.setFrom("ana@example.com");
        outOfOffice.setRecipients(Message.RecipientType.TO, "ask@caravan.test");
        outOfOffice.setSubject("Out of office: Krakatoa");
        outOfOffice.setHeader("Auto-Submitted", "auto-replied");
        outOfOffice.setText("I am away until Monday. How long did Krakatoa ash lower global temperatures?");
        // and a delivery status notification from the allowed domain's mail system
        GreenMailUser daemon = mail.user("mailer-daemon@example.com", "daemon", "daemon-secret");
        MimeMessage bounce = new MimeMessage(mail.session());
        bounce.setFrom("MAILER-DAEMON@example.com");
        bounce.setRecipients(Message.RecipientType.TO, "ask@caravan.test");
        bounce.setSubject("Undelivered Mail Returned to Sender");
        MimeMultipart report = new MimeMultipart("report; report-type=delivery-status");
        MimeBodyPart human = new MimeBodyPart();
        human.setText("Your message could not be delivered. How long did Krakatoa ash lower global temperatures?");
        MimeBodyPart status = new MimeBodyPart();
        status.setContent("Reporting-MTA: dns; mx.example.com\r\n\r\nFinal-Recipient: rfc822; nobody@example.com\r\n"
                + "Action: failed\r\nStatus: 5.1.1\r\n", "message/delivery-status");
        report.addBodyPart(human);
        report.addBodyPart(status);
        bounce.setContent(report);

        // when
        String autoReplyId = mail.send(outOfOffice);
        String bounceId = mail.send(bounce);
        mail.awaitSeen(questions, autoReplyId);
        mail.awaitSeen(questions, bounceId);

        // then
        assertThat(mail.inbox(ana)).noneMatch(m -> autoReplyId.equals(header(m.getMimeMessage(), "In-Reply-To")));
        assertThat(mail.inbox(daemon)).isEmpty();
    }

    @Test
    void should_answer_an_invalid_question_at_once_with_an_apology_and_the_request_id() throws Exception {
        // given: over caravan.ask.max-question-chars (2000)
        MimeMessage question = new MimeMessage(mail.session());
        question.setFrom("ana@example.com");
        question.setRecipients(Message.RecipientType.TO, "ask@caravan.test");
        question.setSubject("A long one");
        question.setText("Why? ".repeat(500));

        // when
        String messageId = mail.send(question);
        MimeMessage reply = mail.awaitMessage(ana, m -> messageId.equals(header(m, "In-Reply-To")));

        // then
        assertThat(reply.getSubject()).isEqualTo("Re: A long one");
        String text = (String) reply.getContent();
        assertThat(text).startsWith("Sorry, your question could not be answered.")
                .contains("over the limit of 2000 (caravan.ask.max-question-chars)")
                .containsPattern(REQUEST_ID)
                .doesNotContain("Exception");
        mail.awaitSeen(questions, messageId);
    }

    @Test
    void should_leave_the_question_unseen_while_smtp_is_down_and_answer_it_once_smtp_is_back(@TempDir Path ownData,
                                                                                           @TempDir Path ownInbox)
            throws Exception {
        // given: a Caravan whose SMTP server is not there (nothing listens on its port)
        int smtpPort = freePort();
        GreenMailUser ownQuestions = mail.user("down@caravan.test", "down", "down-secret");
        Fixtures.text(ownInbox.resolve("tides.txt"), "Tides\n\nSpring tides happen at new and full moon.\n");
        Map<String, String> config = mailConfig(smtpPort, "down", "down-secret");
        config.put("caravan.mail.from", "down@caravan.test");
        try (RunningCaravan own = RunningCaravan.start(ownData, ownInbox, config)) {
            MimeMessage question = new MimeMessage(mail.session());
            question.setFrom("ana@example.com");
            question.setRecipients(Message.RecipientType.TO, "down@caravan.test");
            question.setSubject("Tides");
            question.setText("When do spring tides happen?");

            // when: several attempts fail to send the reply
            NotifyBuilder failed = own.notifier().fromRoute("mail-ask").whenFailed(3).create();
            String messageId = mail.send(question);
            await(failed, 120);

            // then
            assertThat(mail.isSeen(ownQuestions, messageId)).as("marked seen without a reply").isFalse();

            // when: the SMTP server comes up
            try (Mailboxes smtp = Mailboxes.startSmtpOn(smtpPort)) {
                smtp.server.waitForIncomingEmail(Mailboxes.WAIT_SECONDS * 1000, 1);

                // then
                MimeMessage[] sent = smtp.server.getReceivedMessages();
                assertThat(sent).as("exactly one reply").hasSize(1);
                assertThat(header(sent[0], "In-Reply-To")).isEqualTo(messageId);
                assertThat(sent[0].getAllRecipients()).extracting(Object::toString).containsExactly("ana@example.com");
                assertThat((String) sent[0].getContent()).contains("new and full moon").contains("tides.txt");
                mail.awaitSeen(ownQuestions, messageId);
            }
        }
    }

    @Test
    void should_apologise_with_the_request_id_after_the_retries_when_the_index_stays_unavailable(
            @TempDir Path ownData, @TempDir Path ownInbox) throws Exception {
        // given: the index lives on an Elasticsearch cluster that is not there
        GreenMailUser ownQuestions = mail.user("outage@caravan.test", "outage", "outage-secret");
        Map<String, String> config = mailConfig(mail.smtpPort(), "outage", "outage-secret");
        config.put("caravan.mail.from", "outage@caravan.test");
        config.put("caravan.sources.file.enabled", "false");
        config.put("caravan.store", "elasticsearch");
        config.put("caravan.elasticsearch.url", "http://127.0.0.1:" + freePort());
        config.put("caravan.elasticsearch.timeout", "2s");
        config.put("caravan.mail.ask-retries", "2");
        config.put("caravan.mail.ask-retry-delay-ms", "100");
        try (RunningCaravan own = RunningCaravan.start(ownData, ownInbox, config)) {
            MimeMessage question = new MimeMessage(mail.session());
            question.setFrom("ana@example.com");
            question.setRecipients(Message.RecipientType.TO, "outage@caravan.test");
            question.setSubject("Tides");
            question.setText("When do spring tides happen?");

            // when
            String messageId = mail.send(question);
            MimeMessage reply = mail.awaitMessage(ana, m -> messageId.equals(header(m, "In-Reply-To")));

            // then
            String text = (String) reply.getContent();
            assertThat(text).startsWith("Sorry, your question could not be answered.")
                    .contains("the index is unavailable").containsPattern(REQUEST_ID);
            mail.awaitSeen(ownQuestions, messageId);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
