package io.caravan.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The documents and questions a bench run measures, and where they come from: a BEIR data set's files (SciFact for
 * the published figures) or the {@link GeneratedCorpus}, which needs no file at all.
 *
 * @param source    what the documents are, for the report
 * @param documents the documents, in order
 * @param queries   the questions, in order
 */
public record BenchCorpus(String source, List<BeirCorpus.Document> documents, List<BeirCorpus.Query> queries) {

    public BenchCorpus {
        documents = List.copyOf(documents);
        queries = List.copyOf(queries);
    }

    /** The first {@code documents} records of a BEIR {@code corpus.jsonl} and the first {@code queries} questions. */
    public static BenchCorpus read(Path corpus, Path queriesFile, int documents, int queries) {
        return new BenchCorpus(corpus.toAbsolutePath().normalize().toString(),
                BeirCorpus.readDocuments(corpus, documents), BeirCorpus.readQueries(queriesFile, queries));
    }

    /** The first {@code documents} documents of the generated corpus of {@code seed}, and {@code queries} questions. */
    public static BenchCorpus generate(int documents, int queries, long seed) {
        return new BenchCorpus(String.format(Locale.ROOT, "generated (%,d abstract-like documents, seed %d; "
                        + "--corpus FILE measures a BEIR corpus such as SciFact)", documents, seed),
                GeneratedCorpus.documents(documents, seed), GeneratedCorpus.queries(queries, documents, seed));
    }

    /** Writes the first {@code count} documents as files {@code <_id>.txt} under {@code folder}: title, blank line, text. */
    public List<Path> writeFiles(int count, Path folder) throws IOException {
        Files.createDirectories(folder);
        List<Path> files = new ArrayList<>();
        for (BeirCorpus.Document document : documents.subList(0, Math.min(count, documents.size()))) {
            // ids are file names here: keep them from leaving the folder or hiding the file
            String name = document.id().replaceAll("[^A-Za-z0-9._-]", "_").replaceFirst("^\\.", "_") + ".txt";
            files.add(Files.writeString(folder.resolve(name), document.fileText(), StandardCharsets.UTF_8));
        }
        return files;
    }
}
