package io.caravan.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.internet.ParseException;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Finds the text a person wrote in a MIME message: its plain-text body, or the text of its HTML body when there
 * is no plain one. Attachments are never the body. Stateless.
 */
public final class MailBodies {

    private MailBodies() {
    }

    /** The body text of {@code message}, or an empty string when it has none. */
    public static String text(Part message) throws MessagingException, IOException {
        String plain = find(message, "text/plain");
        if (plain != null) {
            return plain;
        }
        String html = find(message, "text/html");
        return html == null ? "" : htmlToText(html);
    }

    /**
     * Whether {@code part} is an attachment rather than the body: it says so, or it has a file name and is not
     * inline text.
     */
    public static boolean isAttachment(Part part) throws MessagingException {
        if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            return true;
        }
        return fileName(part) != null && !part.isMimeType("text/plain") && !part.isMimeType("text/html");
    }

    /** The part's file name, decoded, or {@code null}. */
    public static String fileName(Part part) throws MessagingException {
        String name = part.getFileName();
        if (name == null || name.isBlank()) {
            return null;
        }
        try {
            return MimeUtility.decodeText(name).strip();
        } catch (java.io.UnsupportedEncodingException e) {
            return name.strip();
        }
    }

    // depth first; in multipart/alternative the plain part comes first by RFC 2046, and both are searched anyway
    private static String find(Part part, String mimeType) throws MessagingException, IOException {
        if (part.isMimeType("multipart/*")) {
            Object content = part.getContent();
            if (content instanceof Multipart multipart) {
                for (int i = 0; i < multipart.getCount(); i++) {
                    String found = find(multipart.getBodyPart(i), mimeType);
                    if (found != null) {
                        return found;
                    }
                }
            }
            return null;
        }
        if (part.isMimeType(mimeType) && !Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            return decode(part);
        }
        return null;
    }

    // getContent() of a text part is a String, but a part with an unknown charset makes it throw: fall back to UTF-8
    private static String decode(Part part) throws MessagingException, IOException {
        try {
            Object content = part.getContent();
            if (content instanceof String text) {
                return text;
            }
        } catch (IOException | MessagingException e) {
            // the charset is unknown to Java; read the bytes below
        }
        try (InputStream in = part.getInputStream()) {
            return new String(in.readAllBytes(), charsetOf(part));
        }
    }

    private static Charset charsetOf(Part part) throws MessagingException {
        try {
            String name = new ContentType(part.getContentType()).getParameter("charset");
            return name == null ? StandardCharsets.UTF_8 : Charset.forName(MimeUtility.javaCharset(name));
        } catch (ParseException | IllegalArgumentException e) {
            return StandardCharsets.UTF_8;
        }
    }

    /** The visible text of an HTML body, one line per block; quoted earlier mails (blockquotes) left out. */
    static String htmlToText(String html) {
        Document document = Jsoup.parse(html);
        document.select("head, script, style, blockquote, .gmail_quote, .moz-cite-prefix, #divRplyFwdMsg").remove();
        // wholeText() already turns <br> into a line break; block elements get theirs here
        document.select("p, div, li, tr, h1, h2, h3, h4, h5, h6, pre, table").forEach(e -> {
            e.before("\n");
            e.after("\n");
        });
        String text = document.body() == null ? "" : document.body().wholeText();
        // no-break spaces are common in HTML mail; the blank lines the block elements left collapse to one
        return text.replace('\u00a0', ' ').replaceAll("[ \\t]+\\n", "\n").replaceAll("\\n{3,}", "\n\n").strip();
    }
}
