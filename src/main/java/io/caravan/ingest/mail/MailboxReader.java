package io.caravan.ingest.mail;

import io.caravan.mail.MailBodies;
import io.caravan.ingest.ContentHash;
import io.caravan.ingest.SourceDocument;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeUtility;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns one mail of the documents mailbox into {@link SourceDocument}s: its body ({@code imap://account/<Message-ID>},
 * titled by the subject) and each attachment ({@code imap://account/<Message-ID>/<file name>}). Thread safe: it
 * holds configuration only.
 */
public class MailboxReader {

    /** Source name of documents from a mailbox. */
    public static final String SOURCE = "mail";

    private final String account;
    private final List<String> acl;

    /**
     * @param account the mailbox's user name, the authority of every docId
     * @param acl     ACL groups of the mailbox's documents
     */
    public MailboxReader(String account, List<String> acl) {
        this.account = account;
        this.acl = List.copyOf(acl);
    }

    /** The docId of the mail's body, from its {@code Message-ID} (angle brackets dropped). */
    public String docIdOf(Message message) {
        try {
            return "imap://" + account + "/" + messageKey(message);
        } catch (MessagingException e) {
            throw new IllegalStateException("cannot read the mail's headers: " + e.getMessage(), e);
        }
    }

    /** The mail's body (when it has text) and attachments, in mail order. */
    public List<SourceDocument> documents(Message message) {
        try {
            String docId = docIdOf(message);
            Instant modifiedAt = message.getSentDate() != null ? message.getSentDate().toInstant()
                    : message.getReceivedDate() != null ? message.getReceivedDate().toInstant() : null;
            List<SourceDocument> documents = new ArrayList<>();
            String body = MailBodies.text(message);
            if (!body.isBlank()) {
                byte[] eml = bodyMessage(message, body);
                documents.add(new SourceDocument(docId, SOURCE, "message.eml", eml, ContentHash.of(eml), acl,
                        modifiedAt));
            }
            List<Part> attachments = new ArrayList<>();
            collectAttachments(message, attachments);
            Set<String> names = new HashSet<>();
            for (int i = 0; i < attachments.size(); i++) {
                Part part = attachments.get(i);
                String name = uniqueName(names, fileName(part, i + 1));
                byte[] bytes;
                try (InputStream in = part.getInputStream()) {
                    bytes = in.readAllBytes();
                }
                documents.add(new SourceDocument(docId + "/" + name, SOURCE, name, bytes, ContentHash.of(bytes), acl,
                        modifiedAt));
            }
            return documents;
        } catch (MessagingException e) {
            throw new IllegalStateException("cannot read the mail: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the mail: " + e.getMessage(), e);
        }
    }

    // the Message-ID names the mail wherever it is filed; a mail without one is named by its headers' hash
    private static String messageKey(Message message) throws MessagingException {
        String[] ids = message.getHeader("Message-ID");
        if (ids != null && ids.length > 0 && !ids[0].isBlank()) {
            String id = ids[0].strip();
            return id.startsWith("<") && id.endsWith(">") ? id.substring(1, id.length() - 1) : id;
        }
        String headers = String.join("|", String.valueOf(message.getSentDate()),
                String.valueOf(header(message, "From")), String.valueOf(message.getSubject()));
        return "no-message-id-" + ContentHash.of(headers.getBytes(StandardCharsets.UTF_8)).substring(0, 16);
    }

    /**
     * The body alone as a mail the parser reads like any {@code .eml} (the subject becomes the title); the same
     * mail always gives the same bytes, so reading it again is an unchanged document.
     */
    static byte[] bodyMessage(Message message, String body) throws MessagingException {
        StringBuilder eml = new StringBuilder();
        for (String name : new String[] {"Message-ID", "Date", "From", "To"}) {
            String value = header(message, name);
            if (value != null) {
                eml.append(name).append(": ").append(value).append("\r\n");
            }
        }
        String subject = message.getSubject();
        if (subject != null) {
            try {
                eml.append("Subject: ").append(MimeUtility.encodeText(subject, "UTF-8", "B")).append("\r\n");
            } catch (java.io.UnsupportedEncodingException e) {
                throw new IllegalStateException(e); // UTF-8 is always there
            }
        }
        eml.append("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n")
                .append("Content-Transfer-Encoding: base64\r\n\r\n")
                .append(Base64.getMimeEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)))
                .append("\r\n");
        return eml.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static void collectAttachments(Part part, List<Part> attachments) throws MessagingException, IOException {
        if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                collectAttachments(multipart.getBodyPart(i), attachments);
            }
        } else if (part != null && !(part instanceof Message) && MailBodies.isAttachment(part)
                && !isInlineImage(part)) {
            attachments.add(part);
        }
    }

    // logos and pictures in signatures hold no text to index; an image sent as an attachment still counts
    private static boolean isInlineImage(Part part) throws MessagingException {
        return part.isMimeType("image/*") && Part.INLINE.equalsIgnoreCase(part.getDisposition());
    }

    private static String fileName(Part part, int position) throws MessagingException {
        String name = MailBodies.fileName(part);
        if (name == null) {
            return part.isMimeType("message/rfc822") ? "attachment-" + position + ".eml" : "attachment-" + position;
        }
        // a docId segment: no path separators from the sender's file system
        return name.replace('/', '_').replace('\\', '_');
    }

    private static String uniqueName(Set<String> taken, String name) {
        String unique = name;
        for (int n = 2; !taken.add(unique); n++) {
            int dot = name.lastIndexOf('.');
            unique = dot > 0 ? name.substring(0, dot) + "-" + n + name.substring(dot) : name + "-" + n;
        }
        return unique;
    }

    private static String header(Message message, String name) throws MessagingException {
        String[] values = message.getHeader(name);
        return values == null || values.length == 0 ? null : values[0].strip();
    }
}
