package io.caravan.channel.mail;

/**
 * A reply to send over SMTP.
 *
 * @param to         the recipient address
 * @param from       the sender address ({@code caravan.mail.from})
 * @param subject    {@code Re: ...}
 * @param inReplyTo  the question's {@code Message-ID}, or {@code null}
 * @param references the thread's {@code References}, ending with the question's {@code Message-ID}, or {@code null}
 * @param text       the plain-text body
 * @param requestId  the request the reply answers, for the log
 */
public record MailReply(String to, String from, String subject, String inReplyTo, String references, String text,
                        String requestId) {
}
