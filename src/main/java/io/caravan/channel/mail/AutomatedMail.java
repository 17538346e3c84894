package io.caravan.channel.mail;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;

import java.util.Locale;
import java.util.Set;

/**
 * Recognises mail no person wrote: auto-replies (RFC 3834 {@code Auto-Submitted}, the {@code X-Autoreply} family,
 * {@code Precedence} bulk/junk/list) and bounces (delivery reports, {@code MAILER-DAEMON} and {@code postmaster}
 * senders, a null {@code Return-Path}). Answering them would start a mail loop. Stateless.
 */
public final class AutomatedMail {

    private static final Set<String> BULK_PRECEDENCE = Set.of("bulk", "junk", "list");
    private static final Set<String> SYSTEM_SENDERS = Set.of("mailer-daemon", "postmaster");

    private AutomatedMail() {
    }

    /**
     * Why {@code message} is automated, or {@code null} when a person wrote it.
     *
     * @param sender the {@code From} address, lower-case, or {@code null}
     */
    public static String reason(Message message, String sender) throws MessagingException {
        String autoSubmitted = first(message, "Auto-Submitted");
        if (autoSubmitted != null && !autoSubmitted.strip().toLowerCase(Locale.ROOT).startsWith("no")) {
            return "Auto-Submitted: " + autoSubmitted.strip();
        }
        for (String header : new String[] {"X-Autoreply", "X-Autorespond", "X-Autoresponder"}) {
            if (first(message, header) != null) {
                return header + " header";
            }
        }
        String precedence = first(message, "Precedence");
        if (precedence != null && BULK_PRECEDENCE.contains(precedence.strip().toLowerCase(Locale.ROOT))) {
            return "Precedence: " + precedence.strip();
        }
        if (sender != null && SYSTEM_SENDERS.contains(localPart(sender))) {
            return "sent by " + sender;
        }
        String returnPath = first(message, "Return-Path");
        if (returnPath != null && returnPath.replaceAll("\\s", "").equals("<>")) {
            return "null Return-Path (a bounce)";
        }
        if (message.isMimeType("multipart/report")) {
            return "a delivery or disposition report (multipart/report)";
        }
        return null;
    }

    private static String localPart(String address) {
        int at = address.indexOf('@');
        return at < 0 ? address : address.substring(0, at);
    }

    private static String first(Message message, String name) throws MessagingException {
        String[] values = message.getHeader(name);
        return values == null || values.length == 0 ? null : values[0];
    }
}
