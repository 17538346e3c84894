package io.caravan.eval;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Identifies an evaluation index: the corpus content and every setting that changes what is indexed. Two runs with
 * the same key can share one index.
 *
 * @param corpus   the corpus file's fingerprint
 * @param settings the indexing settings by key
 */
public record EvalIndexKey(CorpusFingerprint corpus, Map<String, String> settings) {

    /** Configuration keys that change the chunks, their vectors or where they are stored. */
    public static final List<String> INDEXING_KEYS = List.of("caravan.store", "caravan.elasticsearch.url",
            "caravan.embedding.model", "caravan.chunking.max-tokens", "caravan.chunking.overlap-tokens",
            "caravan.ingest.max-characters", "caravan.index.analyzer");

    /** Bumped whenever the way records become documents changes (content layout, source, file name). */
    static final String RECORD_FORMAT = "beir-record-v1";

    public EvalIndexKey {
        settings = new TreeMap<>(settings);
    }

    /** A short stable hex id, usable as a directory name. */
    public String id() {
        StringBuilder text = new StringBuilder(RECORD_FORMAT).append('\n')
                .append(corpus.sha256()).append('\n').append(corpus.records()).append('\n');
        settings.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
