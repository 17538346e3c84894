package io.caravan.config;

import java.time.Duration;
import java.util.List;

/**
 * The e-mail questions channel and the mail servers it shares with the mailbox source ({@code caravan.mail.*}); the
 * routes read hosts, ports, folder and poll interval as placeholders.
 *
 * @param enabled        whether the questions mailbox is read
 * @param imapSsl        IMAPS instead of IMAP
 * @param smtpSsl        SMTPS instead of SMTP
 * @param smtpStarttls   STARTTLS on SMTP
 * @param timeout        connect and read timeout of both servers
 * @param username       the questions mailbox's user, or {@code null}
 * @param password       its password, or {@code null}
 * @param smtpUsername   the SMTP user, or {@code null}
 * @param smtpPassword   its password, or {@code null}
 * @param from           the replies' sender address
 * @param allowedSenders addresses or {@code @domains} whose questions are answered
 * @param groups         the ACL groups of allowed senders {@code senderGroups} does not name
 * @param senderGroups   addresses and domains mapped to their groups ({@code a@x=g1,g2;@x=g3}), or {@code null}
 */
public record MailSettings(boolean enabled, boolean imapSsl, boolean smtpSsl, boolean smtpStarttls, Duration timeout,
                           String username, String password, String smtpUsername, String smtpPassword, String from,
                           List<String> allowedSenders, List<String> groups, String senderGroups) {

    static MailSettings read(Settings settings) {
        return new MailSettings(settings.bool("caravan.mail.enabled"), settings.bool("caravan.mail.imap.ssl"),
                settings.bool("caravan.mail.smtp.ssl"), settings.bool("caravan.mail.smtp.starttls"),
                settings.duration("caravan.mail.timeout"), settings.optional("caravan.mail.username"),
                settings.optional("caravan.mail.password"), settings.optional("caravan.mail.smtp.username"),
                settings.optional("caravan.mail.smtp.password"), settings.string("caravan.mail.from"),
                settings.list("caravan.mail.allowed-senders"), settings.list("caravan.mail.groups"),
                settings.optional("caravan.mail.sender-groups"));
    }

    @Override
    public String toString() {
        // never print a password
        return "MailSettings[enabled=" + enabled + ", username=" + username + ", smtpUsername=" + smtpUsername
                + ", from=" + from + ", allowedSenders=" + allowedSenders + ", groups=" + groups + ", senderGroups=" + senderGroups + "]";
    }
}
