package io.caravan.channel.mail;

/**
 * A question mail as read from the mailbox: who sent it, where the answer goes, how to thread the reply, and the
 * question text with quoted history and signature removed.
 *
 * @param messageId  the {@code Message-ID} with its angle brackets, or {@code null}
 * @param references the {@code References} header, or {@code null}
 * @param sender     the {@code From} address, lower-case, or {@code null} when there is none
 * @param replyTo    the first {@code Reply-To} address, lower-case, or {@code null}
 * @param subject    the subject, or an empty string
 * @param question   the question text
 * @param automated  why the mail is an auto-reply or a bounce, or {@code null} when a person wrote it
 */
public record IncomingMail(String messageId, String references, String sender, String replyTo, String subject,
                           String question, String automated) {
    public IncomingMail {
        subject = subject == null ? "" : subject;
        question = question == null ? "" : question;
    }
}
