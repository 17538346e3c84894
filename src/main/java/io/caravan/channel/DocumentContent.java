package io.caravan.channel;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The bytes of a document as its source holds them, for {@code GET /api/documents/{docId}/content}.
 *
 * @param name      the file name the browser is offered (the last part of the path or key)
 * @param mediaType the detected media type, such as {@code application/pdf}
 * @param bytes     the content; not copied, do not change it
 */
public record DocumentContent(String name, String mediaType, byte[] bytes) {

    public DocumentContent {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(bytes, "bytes");
    }

    /**
     * The {@code Content-Disposition} header: shown inline, named in a quoted ASCII fallback (quotes, backslashes,
     * control and non-ASCII characters replaced) and exactly in {@code filename*} (RFC 6266, RFC 8187), so no name
     * can end the quoted string or inject a header.
     */
    public String disposition() {
        StringBuilder ascii = new StringBuilder();
        StringBuilder encoded = new StringBuilder();
        name.codePoints().forEach(c -> ascii.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? (char) c : '_'));
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "!#$&+-.^_`|~".indexOf(c) >= 0)) {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(String.format("%02X", c));
            }
        }
        return "inline; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }
}
