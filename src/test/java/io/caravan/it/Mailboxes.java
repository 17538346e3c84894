package io.caravan.it;

import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Store;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;

import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A GreenMail mail server (SMTP and IMAP on free loopback ports) and what the tests do with it. */
final class Mailboxes implements AutoCloseable {

    static final long WAIT_SECONDS = 60;

    final GreenMail server;

    private Mailboxes(GreenMail server) {
        this.server = server;
    }

    /** SMTP and IMAP on free loopback ports. */
    static Mailboxes start() {
        return start(new ServerSetup[] {
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort(),
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP).dynamicPort()});
    }

    /** Only SMTP, on {@code port}: the mail server a Caravan was told about comes up late. */
    static Mailboxes startSmtpOn(int port) {
        return start(new ServerSetup[] {new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP)});
    }

    private static Mailboxes start(ServerSetup[] setups) {
        GreenMail server = new GreenMail(setups);
        server.start();
        return new Mailboxes(server);
    }

    int smtpPort() {
        return server.getSmtp().getPort();
    }

    int imapPort() {
        return server.getImap().getPort();
    }

    /** An account with an IMAP login. */
    GreenMailUser user(String address, String login, String password) {
        return server.setUser(address, login, password);
    }

    /** A session for composing and sending mail through this server's SMTP. */
    Session session() {
        Properties properties = new Properties();
        properties.setProperty("mail.smtp.host", "127.0.0.1");
        properties.setProperty("mail.smtp.port", Integer.toString(smtpPort()));
        return Session.getInstance(properties);
    }

    /** Sends {@code message} over SMTP and returns its Message-ID. */
    String send(MimeMessage message) throws MessagingException {
        Transport.send(message); // saves the message first, which gives it its Message-ID
        return message.getMessageID();
    }

    /** The messages in the user's INBOX, as stored (with their flags). */
    List<StoredMessage> inbox(GreenMailUser user) {
        try {
            MailFolder inbox = server.getManagers().getImapHostManager().getInbox(user);
            return inbox.getMessages();
        } catch (FolderException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits for a message in the user's INBOX matching {@code condition}. */
    MimeMessage awaitMessage(GreenMailUser user, Predicate<MimeMessage> condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (System.nanoTime() < deadline) {
            for (StoredMessage stored : inbox(user)) {
                if (condition.test(stored.getMimeMessage())) {
                    return stored.getMimeMessage();
                }
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        throw new AssertionError("no such message in " + user.getEmail() + " within " + WAIT_SECONDS + "s");
    }

    /** Waits until the message with {@code messageId} in the user's INBOX is marked seen. */
    void awaitSeen(GreenMailUser user, String messageId) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!isSeen(user, messageId)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(messageId + " not marked seen within " + WAIT_SECONDS + "s");
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }

    /** Whether the message with {@code messageId} in the user's INBOX is marked seen, as an IMAP client sees it. */
    boolean isSeen(GreenMailUser user, String messageId) {
        Properties properties = new Properties();
        properties.setProperty("mail.imap.host", "127.0.0.1");
        properties.setProperty("mail.imap.port", Integer.toString(imapPort()));
        try (Store store = Session.getInstance(properties).getStore("imap")) {
            store.connect(user.getLogin(), user.getPassword());
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            try {
                for (jakarta.mail.Message message : inbox.getMessages()) {
                    String[] ids = message.getHeader("Message-ID");
                    if (ids != null && messageId.equals(ids[0])) {
                        return message.isSet(Flags.Flag.SEEN);
                    }
                }
                return false;
            } finally {
                inbox.close(false);
            }
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String messageIdOf(MimeMessage message) {
        try {
            return message.getMessageID();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String header(MimeMessage message, String name) {
        try {
            return message.getHeader(name, ",");
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}
