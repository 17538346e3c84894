package io.caravan.channel.mail;

import io.caravan.answer.Question;
import io.caravan.channel.QuestionReader;
import io.caravan.mail.MailBodies;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Set;

/**
 * Reads question mails and decides which are answered: those from allowed senders that a person wrote. Others
 * are logged once and left to be marked done, never answered. Thread safe: it holds configuration only.
 */
public class MailQuestions {

    /** Channel name of questions asked by e-mail. */
    public static final String CHANNEL = "mail";

    private static final Logger LOG = LoggerFactory.getLogger("caravan.mail");

    private final QuestionReader reader;
    private final AllowedSenders allowed;
    private final SenderGroups groups;
    private final String ownAddress;

    /**
     * @param reader     validates the question text like every channel
     * @param allowed    who may ask
     * @param groups     ACL groups of each sender ({@code caravan.mail.sender-groups}, {@code caravan.mail.groups})
     * @param ownAddress the address replies come from; mail from it is never answered (no loop with ourselves)
     */
    public MailQuestions(QuestionReader reader, AllowedSenders allowed, SenderGroups groups, String ownAddress) {
        this.reader = reader;
        this.allowed = allowed;
        this.groups = groups;
        this.ownAddress = ownAddress == null ? null : ownAddress.strip().toLowerCase(Locale.ROOT);
        if (allowed.isEmpty()) {
            LOG.warn("caravan.mail.allowed-senders is empty: no e-mail question will be answered");
        }
    }

    /** The question mail as read from the mailbox. */
    public IncomingMail read(Message message) {
        try {
            String sender = firstAddress(message.getFrom());
            String[] replyTo = message.getHeader("Reply-To");
            return new IncomingMail(header(message, "Message-ID"), header(message, "References"), sender,
                    replyTo == null ? null : firstAddress(parse(replyTo[0])), message.getSubject(),
                    QuotedText.strip(MailBodies.text(message)), AutomatedMail.reason(message, sender));
        } catch (MessagingException e) {
            throw new IllegalStateException("cannot read the mail: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the mail: " + e.getMessage(), e);
        }
    }

    /** Whether {@code mail} gets no answer (automated, from ourselves or a sender not allowed); logs why. */
    public boolean isUnanswered(IncomingMail mail, String requestId) {
        return !isAnswered(mail, requestId);
    }

    private boolean isAnswered(IncomingMail mail, String requestId) {
        if (mail.automated() != null) {
            LOG.info("mail ignored requestId={} messageId={} from={} reason=\"{}\"", requestId, mail.messageId(),
                    mail.sender(), mail.automated());
            return false;
        }
        if (mail.sender() == null || mail.sender().equals(ownAddress)) {
            LOG.info("mail ignored requestId={} messageId={} from={} reason=\"no sender, or our own address\"",
                    requestId, mail.messageId(), mail.sender());
            return false;
        }
        if (!allowed.allows(mail.sender())) {
            LOG.warn("mail refused requestId={} messageId={} from={} reason=\"sender not in"
                    + " caravan.mail.allowed-senders\"", requestId, mail.messageId(), mail.sender());
            return false;
        }
        return true;
    }

    /**
     * The question of {@code mail}: its body without quotes and signature, else its subject, asked with the
     * sender's groups; when the answer goes to another address (its {@code Reply-To}), with only the groups both
     * addresses have, so a reply never tells its reader more than the reader may see.
     *
     * @throws io.caravan.channel.ApiException when the question is empty or too long
     */
    public Question question(IncomingMail mail, String requestId) {
        String text = mail.question().isBlank() ? mail.subject() : mail.question();
        return reader.readText(text, requestId, groupsOf(mail), CHANNEL);
    }

    /** The groups {@code mail}'s question is answered with. */
    public Set<String> groupsOf(IncomingMail mail) {
        Set<String> senders = groups.of(mail.sender());
        String reader = answerAddress(mail);
        if (reader == null || reader.equalsIgnoreCase(mail.sender())) {
            return senders;
        }
        Set<String> both = new java.util.TreeSet<>(senders);
        both.retainAll(groups.of(reader));
        return both;
    }

    /** Where the answer goes: the {@code Reply-To} address if it is allowed too, else the sender. */
    public String answerAddress(IncomingMail mail) {
        return mail.replyTo() != null && allowed.allows(mail.replyTo()) ? mail.replyTo() : mail.sender();
    }

    private static String header(Message message, String name) throws MessagingException {
        String[] values = message.getHeader(name);
        return values == null || values.length == 0 ? null : values[0].strip();
    }

    private static Address[] parse(String header) {
        try {
            return InternetAddress.parseHeader(header, false);
        } catch (AddressException e) {
            return new Address[0];
        }
    }

    private static String firstAddress(Address[] addresses) {
        if (addresses == null) {
            return null;
        }
        for (Address address : addresses) {
            if (address instanceof InternetAddress internet && internet.getAddress() != null) {
                return internet.getAddress().strip().toLowerCase(Locale.ROOT);
            }
        }
        return null;
    }
}
