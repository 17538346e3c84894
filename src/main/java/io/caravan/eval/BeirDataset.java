package io.caravan.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A BEIR dataset folder: {@code corpus.jsonl}, {@code queries.jsonl} and {@code qrels/<split>.tsv}.
 * The corpus is streamed, never held in memory; queries and qrels are read whole.
 */
public final class BeirDataset {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path folder;

    public BeirDataset(Path folder) {
        this.folder = folder;
    }

    /** The corpus file. */
    public Path corpusFile() {
        return folder.resolve("corpus.jsonl");
    }

    /**
     * Checks that the folder has the files of a split.
     *
     * @throws IllegalArgumentException naming the first missing file
     */
    public void checkFiles(String split) {
        for (Path file : new Path[]{corpusFile(), folder.resolve("queries.jsonl"), qrelsFile(split)}) {
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("not a BEIR folder: " + file + " is missing");
            }
        }
    }

    /** Calls {@code consumer} with every corpus record, in file order. */
    public void forEachDocument(Consumer<CorpusRecord> consumer) throws IOException {
        try (InputStream in = Files.newInputStream(corpusFile());
             MappingIterator<JsonNode> lines = JSON.readerFor(JsonNode.class).readValues(in)) {
            int n = 0;
            while (lines.hasNextValue()) {
                JsonNode line = lines.nextValue();
                n++;
                String id = text(line, "_id");
                if (id == null || id.isBlank()) {
                    throw new IllegalArgumentException(corpusFile() + ": record " + n + " has no _id");
                }
                consumer.accept(new CorpusRecord(id, text(line, "title"), text(line, "text")));
            }
        }
    }

    /** The query texts by query id, in file order. */
    public Map<String, String> queries() throws IOException {
        Map<String, String> queries = new LinkedHashMap<>();
        Path file = folder.resolve("queries.jsonl");
        try (InputStream in = Files.newInputStream(file);
             MappingIterator<JsonNode> lines = JSON.readerFor(JsonNode.class).readValues(in)) {
            while (lines.hasNextValue()) {
                JsonNode line = lines.nextValue();
                String id = text(line, "_id");
                if (id != null) {
                    queries.put(id, text(line, "text") == null ? "" : text(line, "text"));
                }
            }
        }
        return queries;
    }

    /** The judgements of a split ({@code test}, {@code train}, {@code dev}). */
    public Qrels qrels(String split) throws IOException {
        return Qrels.read(qrelsFile(split));
    }

    private Path qrelsFile(String split) {
        return folder.resolve("qrels").resolve(split + ".tsv");
    }

    // ids are strings in BEIR but some copies write numbers
    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
