package io.caravan.it;

import com.icegreen.greenmail.user.GreenMailUser;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static io.caravan.it.Mailboxes.header;
import static io.caravan.it.RunningCaravan.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * E-mail callers' groups (docs/channels-and-sources.md#e-mail-questions): a mapped sender sees its groups'
 * documents, an unmapped one only caravan.mail.groups', and an answer sent to another address only what both see.
 */
class MailSenderGroupsIT {

    private static final String SALARY = "By how much does the salary review raise pay?";

    @TempDir
    static Path data;
    @TempDir
    static Path inbox;
    static Mailboxes mail;
    static GreenMailUser ana;
    static GreenMailUser bob;
    static RunningCaravan caravan;

    @BeforeAll
    static void start() throws Exception {
        mail = Mailboxes.start();
        mail.user("ask@caravan.test", "ask", "ask-secret");
        ana = mail.user("ana@example.com", "ana", "ana-secret");
        bob = mail.user("bob@example.com", "bob", "bob-secret");
        Map<String, String> config = new java.util.HashMap<>(MailQuestionsIT.mailConfig(mail, mail.smtpPort(), "ask",
                "ask-secret"));
        config.put("caravan.mail.allowed-senders", "@example.com");
        config.put("caravan.mail.sender-groups", "ana@example.com=hr,staff;@example.com=staff");
        config.put("caravan.mail.groups", "public");
        config.put("caravan.sources.file.acl-rules", "hr/**=hr");
        config.put("caravan.sources.file.acl", "staff");
        caravan = RunningCaravan.start(data, inbox, config);
        NotifyBuilder indexed = caravan.notifier().fromRoute("source-file").whenCompleted(2).create();
        Files.createDirectories(inbox.resolve("hr"));
        Files.writeString(inbox.resolve("hr/salaries.txt"), "The salary review of 2026 raises pay by 4.5 percent.");
        Files.writeString(inbox.resolve("canteen.txt"), "The canteen serves lunch from noon until two o'clock.");
        await(indexed, 120);
    }

    @AfterAll
    static void stop() {
        if (caravan != null) {
            caravan.close();
        }
        mail.close();
    }

    @Test
    void should_answer_a_mapped_sender_from_its_groups_and_an_unmapped_one_from_its_domains() throws Exception {
        // when
        String anaText = answerTo(ana, "ana@example.com", null, SALARY);
        String bobText = answerTo(bob, "bob@example.com", null, SALARY);

        // then
        assertThat(anaText).contains("4.5 percent").contains("hr/salaries.txt");
        assertThat(bobText).doesNotContain("4.5").doesNotContain("hr/salaries.txt");
    }

    @Test
    void should_answer_with_only_the_groups_both_sender_and_reply_to_address_have() throws Exception {
        // when: ana asks, the answer goes to bob
        String text = answerTo(bob, "ana@example.com", "bob@example.com", SALARY + " (for Bob)");

        // then
        assertThat(text).doesNotContain("4.5").doesNotContain("hr/salaries.txt");
    }

    private static String answerTo(GreenMailUser reader, String from, String replyTo, String question)
            throws Exception {
        MimeMessage mailed = new MimeMessage(mail.session());
        mailed.setFrom(from);
        if (replyTo != null) {
            mailed.setReplyTo(InternetAddress.parse(replyTo));
        }
        mailed.setRecipients(Message.RecipientType.TO, "ask@caravan.test");
        mailed.setSubject("Salaries");
        mailed.setText(question, "UTF-8");
        String messageId = mail.send(mailed);
        MimeMessage reply = mail.awaitMessage(reader, m -> messageId.equals(header(m, "In-Reply-To")));
        return ((String) reply.getContent()).replace("\r\n", "\n");
    }
}
