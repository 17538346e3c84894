package io.caravan.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the JSON-lines files of a BEIR data set ({@code corpus.jsonl}, {@code queries.jsonl}). */
public final class BeirCorpus {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private BeirCorpus() {
    }

    /** One corpus record. */
    public record Document(String id, String title, String text) {
        /** The text of the document as a file: the title as first line, a blank line, then the text. */
        public String fileText() {
            return title.isBlank() ? text : title + "\n\n" + text;
        }
    }

    /** One query record. */
    public record Query(String id, String text) {
    }

    /** The first {@code limit} documents of a {@code corpus.jsonl}, in file order. */
    public static List<Document> readDocuments(Path corpus, int limit) {
        return read(corpus, limit, node -> new Document(node.path("_id").asText(), node.path("title").asText(""),
                node.path("text").asText("")));
    }

    /** The first {@code limit} queries of a {@code queries.jsonl}, in file order. */
    public static List<Query> readQueries(Path queries, int limit) {
        return read(queries, limit, node -> new Query(node.path("_id").asText(), node.path("text").asText("")));
    }

    private static <T> List<T> read(Path file, int limit, java.util.function.Function<JsonNode, T> mapper) {
        List<T> records = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while (records.size() < limit && (line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    JsonNode node = MAPPER.readTree(line);
                    if (!node.hasNonNull("_id")) {
                        throw new IllegalArgumentException(file + ": record without _id: " + abbreviate(line));
                    }
                    records.add(mapper.apply(node));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return records;
    }

    private static String abbreviate(String line) {
        return line.length() <= 80 ? line : line.substring(0, 80) + "...";
    }
}
