package io.caravan.conversation;

import io.caravan.answer.Question;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Whose conversation: the caller's identity, its ACL groups (sorted, so their order does not matter) and the
 * {@code sessionId} it chose. Immutable.
 */
record SessionKey(String caller, SortedSet<String> groups, String sessionId) {

    SessionKey {
        Objects.requireNonNull(caller, "caller");
        groups = new TreeSet<>(groups);
        Objects.requireNonNull(sessionId, "sessionId");
    }

    /** The key of the question's conversation; {@code caller} {@code null} is the local caller. */
    static SessionKey of(Question question, String caller) {
        return new SessionKey(Objects.requireNonNullElse(caller, "local"), new TreeSet<>(question.groups()),
                question.sessionId());
    }

    /**
     * A SHA-256 of the key, in hex: a stored session's id that names neither the caller nor its groups. Each part
     * is length-prefixed, so no two keys run together into the same bytes.
     */
    String digest() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            write(out, caller);
            out.writeInt(groups.size());
            for (String group : groups) {
                write(out, group);
            }
            write(out, sessionId);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void write(DataOutputStream out, String part) throws IOException {
        byte[] utf8 = part.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }
}
