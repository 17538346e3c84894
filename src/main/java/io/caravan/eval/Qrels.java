package io.caravan.eval;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Relevance judgements of one split: graded relevance by document id, by query id. A score above zero is relevant.
 * Immutable and thread safe.
 */
public final class Qrels {

    private final Map<String, Map<String, Integer>> byQuery;

    public Qrels(Map<String, Map<String, Integer>> byQuery) {
        Map<String, Map<String, Integer>> copy = new LinkedHashMap<>();
        byQuery.forEach((query, docs) -> copy.put(query, Collections.unmodifiableMap(new LinkedHashMap<>(docs))));
        this.byQuery = Collections.unmodifiableMap(copy);
    }

    /**
     * Reads a BEIR qrels file: tab-separated {@code query-id corpus-id score}, with an optional header line.
     *
     * @throws IllegalArgumentException for a line that is not three fields with an integer score
     */
    public static Qrels read(Path file) throws IOException {
        Map<String, Map<String, Integer>> byQuery = new LinkedHashMap<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int lineNumber = 0;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                String[] fields = line.strip().split("\t");
                if (fields.length != 3) {
                    // some copies use spaces instead of tabs
                    fields = line.strip().split("\\s+");
                }
                if (lineNumber == 1 && fields.length == 3 && fields[0].equals("query-id")) {
                    continue;
                }
                if (fields.length != 3) {
                    throw new IllegalArgumentException(file + ":" + lineNumber
                            + ": expected 'query-id<TAB>corpus-id<TAB>score', was '" + line + "'");
                }
                int score;
                try {
                    score = Integer.parseInt(fields[2].strip());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(file + ":" + lineNumber + ": score must be an integer, was '"
                            + fields[2] + "'");
                }
                byQuery.computeIfAbsent(fields[0].strip(), q -> new LinkedHashMap<>()).put(fields[1].strip(), score);
            }
        }
        return new Qrels(byQuery);
    }

    /** The judged query ids, in file order. */
    public Set<String> queryIds() {
        return byQuery.keySet();
    }

    /** The graded judgements of one query by document id (relevant or not), empty when it has none. */
    public Map<String, Integer> judgements(String queryId) {
        return byQuery.getOrDefault(queryId, Map.of());
    }

    /** The relevance of a document to a query, 0 when not judged. */
    public int relevance(String queryId, String docId) {
        return judgements(queryId).getOrDefault(docId, 0);
    }

    /** Number of judgements, relevant or not. */
    public int size() {
        return byQuery.values().stream().mapToInt(Map::size).sum();
    }
}
