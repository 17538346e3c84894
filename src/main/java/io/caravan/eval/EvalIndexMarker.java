package io.caravan.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.caravan.json.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;

/**
 * Written into an evaluation index's directory once every corpus record is indexed, so a later run with the same
 * key can skip ingestion without reading the corpus again.
 *
 * @param key              the {@link EvalIndexKey#id()}
 * @param corpusSha256     the corpus file's SHA-256
 * @param documents        records indexed
 * @param chunks           chunks in the index
 * @param indexingSeconds  how long the ingestion took
 * @param settings         the indexing settings, for people reading the file
 */
public record EvalIndexMarker(String key, String corpusSha256, int documents, long chunks, double indexingSeconds,
                              Map<String, String> settings) {

    static final String FILE_NAME = "eval-index.json";

    private static final ObjectMapper JSON = Json.newMapper();

    /** The marker in {@code dir} if it is there and readable. */
    public static Optional<EvalIndexMarker> read(Path dir) {
        Path file = dir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), EvalIndexMarker.class));
        } catch (IOException e) {
            // a damaged marker only costs a re-check of every record against the ledger
            return Optional.empty();
        }
    }

    /** Whether this marker was written for {@code key}. */
    public boolean matches(EvalIndexKey key) {
        return key.id().equals(this.key) && key.corpus().sha256().equals(corpusSha256)
                && key.corpus().records() == documents;
    }

    /** Writes the marker atomically into {@code dir}. */
    public void write(Path dir) throws IOException {
        Path temp = dir.resolve(FILE_NAME + ".tmp");
        JSON.writerWithDefaultPrettyPrinter().writeValue(temp.toFile(), this);
        Files.move(temp, dir.resolve(FILE_NAME), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
