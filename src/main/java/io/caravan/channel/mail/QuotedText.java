package io.caravan.channel.mail;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Cuts what a person did not write for this mail out of a plain-text body: the quoted history of earlier mails
 * and the signature. Stateless.
 */
public final class QuotedText {

    // "On Mon, 2 Jun 2025 at 10:00, Ana <ana@example.com> wrote:" (also split over two lines), and its
    // German and French forms; what follows is the quoted mail
    private static final Pattern ATTRIBUTION = Pattern.compile(
            "^(on\\s.+(wrote|schrieb|a écrit)\\s*:|am\\s.+schrieb.*:|le\\s.+a écrit\\s*:)\\s*$",
            Pattern.CASE_INSENSITIVE);
    // Outlook's separators before the quoted mail
    private static final Pattern ORIGINAL_MESSAGE = Pattern.compile(
            "^(-{2,}\\s*(original message|forwarded message|ursprüngliche nachricht)\\s*-{2,}|_{10,})\\s*$",
            Pattern.CASE_INSENSITIVE);
    // an Outlook header block of the quoted mail: "From: ..." then "Sent:"/"Date:" within the next lines
    private static final Pattern OUTLOOK_FROM = Pattern.compile("^(from|von|de)\\s*:.*", Pattern.CASE_INSENSITIVE);
    private static final Pattern OUTLOOK_SENT = Pattern.compile("^(sent|date|gesendet|envoyé)\\s*:.*",
            Pattern.CASE_INSENSITIVE);
    // "-- " is the standard signature delimiter (RFC 3676); mobile clients add a "Sent from my ..." line
    private static final Pattern SIGNATURE = Pattern.compile("^(--\\s?|sent from my .*|get outlook for .*)$",
            Pattern.CASE_INSENSITIVE);

    private QuotedText() {
    }

    /** The text the sender wrote above quotes and signature, lines kept, outer blank lines removed. */
    public static String strip(String body) {
        if (body == null) {
            return "";
        }
        String[] lines = body.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (endsHere(lines, i, line)) {
                break;
            }
            if (line.startsWith(">")) {
                continue; // an inline quote between the sender's own lines
            }
            kept.add(lines[i].stripTrailing());
        }
        return String.join("\n", kept).strip();
    }

    private static boolean endsHere(String[] lines, int i, String line) {
        if (SIGNATURE.matcher(lines[i]).matches() || ORIGINAL_MESSAGE.matcher(line).matches()
                || ATTRIBUTION.matcher(line).matches()) {
            return true;
        }
        // an attribution wrapped over two lines: "On ..., Ana" / "<ana@example.com> wrote:"
        if (line.regionMatches(true, 0, "on ", 0, 3) && i + 1 < lines.length
                && ATTRIBUTION.matcher(line + " " + lines[i + 1].strip()).matches()) {
            return true;
        }
        if (OUTLOOK_FROM.matcher(line).matches()) {
            for (int j = i + 1; j < Math.min(lines.length, i + 4); j++) {
                if (OUTLOOK_SENT.matcher(lines[j].strip()).matches()) {
                    return true;
                }
            }
        }
        return false;
    }
}
