package io.caravan.eval;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What identifies a corpus file's content: its SHA-256 and its number of non-blank lines (records).
 *
 * @param sha256  lower-case hex SHA-256 of the file's bytes
 * @param records non-blank lines, one record each
 */
public record CorpusFingerprint(String sha256, int records) {

    /** Reads the file once. */
    public static CorpusFingerprint of(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
        int records = 0;
        boolean lineHasText = false;
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                for (int i = 0; i < n; i++) {
                    byte b = buffer[i];
                    if (b == '\n') {
                        records += lineHasText ? 1 : 0;
                        lineHasText = false;
                    } else if (b != ' ' && b != '\t' && b != '\r') {
                        lineHasText = true;
                    }
                }
            }
        }
        records += lineHasText ? 1 : 0;
        return new CorpusFingerprint(HexFormat.of().formatHex(digest.digest()), records);
    }
}
