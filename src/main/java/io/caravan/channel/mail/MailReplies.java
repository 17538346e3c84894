package io.caravan.channel.mail;

import io.caravan.answer.Answer;
import io.caravan.answer.Citation;
import io.caravan.channel.ErrorReplies;
import io.caravan.channel.ErrorReply;

import java.util.regex.Pattern;

/**
 * Writes the reply mails: the answer with a numbered source list, or an apology naming the request id when no
 * answer could be given. Thread safe: it holds configuration only.
 */
public class MailReplies {

    // "Re:", "RE :", "Re[2]:" already mark a reply; another "Re: " in front would stack up over a thread
    private static final Pattern REPLY_PREFIX = Pattern.compile("^\\s*re(\\[\\d+])?\\s*:", Pattern.CASE_INSENSITIVE);

    private final MailQuestions questions;
    private final ErrorReplies errors;
    private final String from;

    /**
     * @param questions decides where the reply goes
     * @param errors    names a failure as the other channels do
     * @param from      the address replies come from ({@code caravan.mail.from})
     */
    public MailReplies(MailQuestions questions, ErrorReplies errors, String from) {
        this.questions = questions;
        this.errors = errors;
        this.from = from;
    }

    /** The reply carrying {@code answer}. */
    public MailReply answer(IncomingMail mail, Answer answer) {
        StringBuilder text = new StringBuilder(answer.answer().strip()).append("\n\n");
        if (answer.citations().isEmpty()) {
            text.append("Sources: none of the documents answers this question.\n");
        } else {
            text.append("Sources:\n");
            for (Citation citation : answer.citations()) {
                text.append(source(citation)).append('\n');
            }
        }
        if ("extractive".equals(answer.mode())) {
            text.append("\n(Sentences quoted from the sources; no language model wrote this answer.)\n");
        }
        return reply(mail, text.append(footer(answer.requestId())).toString(), answer.requestId());
    }

    /** The reply saying that {@code error} kept the question from being answered. */
    public MailReply apology(IncomingMail mail, Throwable error, String requestId) {
        ErrorReply reply = errors.replyFor(error, requestId);
        String text = "Sorry, your question could not be answered.\n\nReason: " + reply.error().message() + "\n\n"
                + ("bad_request".equals(reply.error().code()) || "payload_too_large".equals(reply.error().code())
                ? "Please write the question in the body of a new mail.\n"
                : "Please try again later; if it keeps failing, give the request id below to your administrator.\n");
        return reply(mail, text + footer(requestId), requestId);
    }

    /** A source line: {@code [n] title — docId, page p}; the title only when it is more than the file name. */
    static String source(Citation citation) {
        StringBuilder line = new StringBuilder("[").append(citation.n()).append("] ");
        String title = citation.title() == null ? "" : citation.title().strip();
        if (!title.isEmpty() && !citation.docId().equals(title) && !citation.docId().endsWith("/" + title)) {
            line.append(citation.title().strip()).append(" — ");
        }
        line.append(citation.docId());
        if (citation.page() != null) {
            line.append(", page ").append(citation.page());
        }
        return line.toString();
    }

    /** {@code Re: subject}, never {@code Re: Re: subject}. */
    static String replySubject(String subject) {
        if (subject == null || subject.isBlank()) {
            return "Re: your question";
        }
        String stripped = subject.strip();
        return REPLY_PREFIX.matcher(stripped).find() ? stripped : "Re: " + stripped;
    }

    private static String footer(String requestId) {
        return "\nRequest id: " + requestId + "\n-- \nCaravan, automatic answer\n";
    }

    private MailReply reply(IncomingMail mail, String text, String requestId) {
        String references = mail.messageId() == null ? mail.references()
                : mail.references() == null ? mail.messageId() : mail.references().strip() + " " + mail.messageId();
        return new MailReply(questions.answerAddress(mail), from, replySubject(mail.subject()), mail.messageId(),
                references, text, requestId);
    }
}
