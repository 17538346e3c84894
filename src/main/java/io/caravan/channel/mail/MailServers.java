package io.caravan.channel.mail;

import jakarta.mail.PasswordAuthentication;
import org.apache.camel.component.mail.MailAuthenticator;

import java.time.Duration;
import java.util.Properties;

/**
 * The camel-mail settings every mail endpoint shares, built from configuration: an account's credentials (an
 * authenticator, so that a blank user means no authentication at all) and the Jakarta Mail properties for TLS
 * and timeouts (a mail server that does not answer must fail the exchange, not hang the poller).
 */
public final class MailServers {

    private MailServers() {
    }

    /** The credentials of an account; a blank user logs in anonymously (an SMTP relay without AUTH). */
    public static MailAuthenticator account(String user, String password) {
        return new Account(user, password);
    }

    /**
     * Jakarta Mail properties of an IMAP endpoint.
     *
     * @param ssl     implicit TLS (IMAPS, usually port 993)
     * @param timeout connect and read timeout
     */
    public static Properties imap(boolean ssl, Duration timeout) {
        Properties properties = timeouts("imap", timeout);
        properties.setProperty("mail.imap.ssl.enable", Boolean.toString(ssl));
        return properties;
    }

    /**
     * Jakarta Mail properties of an SMTP endpoint.
     *
     * @param ssl      implicit TLS (SMTPS, usually port 465)
     * @param startTls upgrade a plain connection with STARTTLS, and refuse to send without it
     * @param timeout  connect, read and write timeout
     */
    public static Properties smtp(boolean ssl, boolean startTls, Duration timeout) {
        Properties properties = timeouts("smtp", timeout);
        properties.setProperty("mail.smtp.ssl.enable", Boolean.toString(ssl));
        properties.setProperty("mail.smtp.starttls.enable", Boolean.toString(startTls));
        properties.setProperty("mail.smtp.starttls.required", Boolean.toString(startTls));
        return properties;
    }

    private static Properties timeouts(String protocol, Duration timeout) {
        String millis = Long.toString(timeout.toMillis());
        Properties properties = new Properties();
        properties.setProperty("mail." + protocol + ".connectiontimeout", millis);
        properties.setProperty("mail." + protocol + ".timeout", millis);
        properties.setProperty("mail." + protocol + ".writetimeout", millis);
        return properties;
    }

    /** Configured credentials; camel-mail asks it for the user name to decide whether to authenticate. */
    private static final class Account extends MailAuthenticator {
        private final PasswordAuthentication credentials;

        Account(String user, String password) {
            boolean anonymous = user == null || user.isBlank();
            this.credentials = new PasswordAuthentication(anonymous ? null : user.strip(),
                    anonymous ? null : password == null ? "" : password);
        }

        @Override
        public PasswordAuthentication getPasswordAuthentication() {
            return credentials;
        }
    }
}
