package io.caravan.ingest.parse;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MimeTypes;

/**
 * The type of a file whose name says plain text or Markdown and whose bytes agree: valid UTF-8, no byte-order mark,
 * no control characters but tabs, line and page breaks, and not opening with markup ({@code <}). Such a file is
 * taken at its name's word instead of going through Tika's magic detection, which is wrong on prose (it reads a
 * note starting "P1 priority incidents..." as a PBM image and quarantines it, "Article 5 of the regulation..." as a
 * news article) and slow on every text file: it tries some 1,500 signatures, most of a plain-text file's parse.
 * The type comes back with {@code charset=UTF-8}, so the readers skip Tika's charset guess, which took some UTF-8
 * abstracts for GB18030 ("1路75" for "1·75"). Anything else (another name, other bytes, HTML saved as {@code .txt})
 * is left to Tika.
 *
 * <p>Thread safe.
 */
final class DeclaredTextType {
    private static final MediaType PLAIN_UTF8 = new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8);

    private final MimeTypes types;

    DeclaredTextType(MimeTypes types) {
        this.types = types;
    }

    /** The declared type, or empty when the name declares something else or the bytes are not plain UTF-8 text. */
    Optional<MediaType> of(String fileName, byte[] content) {
        MediaType declared = types.getMimeType(fileName).getType();
        boolean plain = declared.equals(MediaType.TEXT_PLAIN);
        if (!plain && !TikaDocumentParser.MARKDOWN_TYPES.contains(declared.toString())) {
            return Optional.empty();
        }
        if (!isPlainUtf8Text(content)) {
            return Optional.empty();
        }
        return Optional.of(plain ? PLAIN_UTF8 : new MediaType(declared, StandardCharsets.UTF_8));
    }

    private static boolean isPlainUtf8Text(byte[] content) {
        boolean bom = content.length >= 3 && content[0] == (byte) 0xEF && content[1] == (byte) 0xBB
                && content[2] == (byte) 0xBF;
        if (bom) {
            return false;
        }
        CharBuffer text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content));
        } catch (CharacterCodingException e) {
            return false;
        }
        boolean seenText = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.get(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' || c == 0x7F) {
                return false;
            }
            if (!seenText && !Character.isWhitespace(c)) {
                if (c == '<') {
                    return false;
                }
                seenText = true;
            }
        }
        return true;
    }
}
