package io.caravan.channel.mail;

import io.caravan.answer.Answer;
import io.caravan.answer.Citation;
import io.caravan.channel.ApiException;
import io.caravan.channel.ErrorReplies;
import io.caravan.channel.QuestionReader;
import io.caravan.index.IndexUnavailableException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class MailRepliesTest {

    private final MailQuestions questions = new MailQuestions(new QuestionReader(2000, 50),
            new AllowedSenders(List.of("@example.com")), new SenderGroups(null, List.of("public")), "ask@caravan.test");
    private final MailReplies replies = new MailReplies(questions, new ErrorReplies(), "ask@caravan.test");

    @Test
    void should_thread_the_reply_and_number_each_cited_document() {
        // given
        IncomingMail mail = new IncomingMail("<q1@example.com>", "<t0@example.com>", "ana@example.com", null,
                "Vacation", "How many days?", null);
        Answer answer = new Answer("Employees get 25 days [1]. Requests go to the lead [2].", List.of(
                new Citation(1, "handbook.pdf", "file", "Handbook", "", 3, "25 days", null, 0.9),
                new Citation(2, "imap://docs/m1@example.com", "mail", "Leave", "", null, "lead", null, 0.5),
                new Citation(3, "notes/leave.txt", "file", "leave.txt", "", null, "days", null, 0.4)),
                "extractive", false, false, "req-1", Map.of());

        // when
        MailReply reply = replies.answer(mail, answer);

        // then
        assertThat(reply.to()).isEqualTo("ana@example.com");
        assertThat(reply.from()).isEqualTo("ask@caravan.test");
        assertThat(reply.subject()).isEqualTo("Re: Vacation");
        assertThat(reply.inReplyTo()).isEqualTo("<q1@example.com>");
        assertThat(reply.references()).isEqualTo("<t0@example.com> <q1@example.com>");
        assertThat(reply.text()).startsWith("Employees get 25 days [1]. Requests go to the lead [2].\n\nSources:\n"
                        + "[1] Handbook — handbook.pdf, page 3\n[2] Leave — imap://docs/m1@example.com\n[3] notes/leave.txt\n")
                .contains("Request id: req-1");
    }

    @Test
    void should_never_stack_reply_prefixes() {
        assertThat(MailReplies.replySubject("Re: Vacation")).isEqualTo("Re: Vacation");
        assertThat(MailReplies.replySubject("RE : Vacation")).isEqualTo("RE : Vacation");
        assertThat(MailReplies.replySubject("Re[2]: Vacation")).isEqualTo("Re[2]: Vacation");
        assertThat(MailReplies.replySubject("Report")).isEqualTo("Re: Report");
        assertThat(MailReplies.replySubject(" ")).isEqualTo("Re: your question");
    }

    @Test
    void should_answer_the_reply_to_address_only_when_it_is_allowed_too() {
        IncomingMail toColleague = new IncomingMail(null, null, "ana@example.com", "bob@example.com", "", "q", null);
        IncomingMail toOutsider = new IncomingMail(null, null, "ana@example.com", "eve@evil.test", "", "q", null);

        assertThat(questions.answerAddress(toColleague)).isEqualTo("bob@example.com");
        assertThat(questions.answerAddress(toOutsider)).isEqualTo("ana@example.com");
    }

    @Test
    void should_apologise_with_the_reason_and_the_request_id() {
        // given
        IncomingMail mail = new IncomingMail(null, null, "ana@example.com", null, "Vacation", "q", null);

        // when
        MailReply invalid = replies.apology(mail, ApiException.badRequest("\"question\" must not be empty"), "r-1");
        MailReply outage = replies.apology(mail, new RuntimeException(new IndexUnavailableException("down", null)),
                "r-2");

        // then
        assertThat(invalid.references()).isNull();
        assertThat(invalid.text()).contains("Reason: \"question\" must not be empty")
                .contains("new mail").contains("Request id: r-1");
        assertThat(outage.text()).contains("the index is unavailable").contains("try again later")
                .contains("Request id: r-2");
    }
}
