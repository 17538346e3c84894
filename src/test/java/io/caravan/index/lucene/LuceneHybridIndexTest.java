package io.caravan.index.lucene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.caravan.index.Chunk;
import io.caravan.index.Hit;
import io.caravan.index.HybridIndex;
import io.caravan.index.HybridIndexContract;
import io.caravan.index.IndexUnavailableException;
import io.caravan.index.SearchMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.Term;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract suite on Lucene, plus what only an embedded index can show: crash images and locking. */
class LuceneHybridIndexTest extends HybridIndexContract {

    @TempDir
    Path temp;

    @Override
    protected HybridIndex newIndex(String embeddingModel, int dimensions) {
        return new LuceneHybridIndex(temp.resolve("index"), embeddingModel, dimensions);
    }

    @Override
    protected HybridIndex reopen(String embeddingModel, int dimensions) {
        return new LuceneHybridIndex(temp.resolve("index"), embeddingModel, dimensions);
    }

    @Test
    void should_reopen_with_the_old_version_after_a_crash_in_the_middle_of_a_replace() throws IOException {
        // given: version 1 (3 chunks) is committed
        Path live = temp.resolve("live");
        try (LuceneHybridIndex index = new LuceneHybridIndex(live, MODEL, DIMENSIONS)) {
            index.upsert(document("doc.md", "hash-old", List.of("public"), "old text", 3));
        }
        // and version 2 (5 chunks) is written and flushed to disk, but the process dies before the commit:
        // the crash image is a copy of the files at that moment, write.lock included
        Path crashImage = temp.resolve("crash-image");
        try (FSDirectory dir = FSDirectory.open(live);
             IndexWriter writer = new IndexWriter(dir, new IndexWriterConfig(new StandardAnalyzer())
                     .setCommitOnClose(false))) {
            writer.updateDocuments(new Term(io.caravan.index.ChunkFields.DOC_ID, "doc.md"),
                    ChunkDocuments.toDocuments(document("doc.md", "hash-new", List.of("public"), "new text", 5)));
            writer.flush();
            copyFiles(live, crashImage);
            writer.rollback();
        }

        // when: the index is opened from the crash image
        try (LuceneHybridIndex recovered = new LuceneHybridIndex(crashImage, MODEL, DIMENSIONS)) {

            // then: the document is fully old
            List<Hit> hits = recovered.search(request(SearchMode.BM25, "text", null, PUBLIC, 50));
            assertThat(hits).hasSize(3).allSatisfy(h -> assertThat(h.chunk().content()).startsWith("old text"));
            assertThat(recovered.documentHashes()).containsExactly(java.util.Map.entry("doc.md", "hash-old"));
            // and the stale write.lock does not stop writes: the OS lock died with the process
            recovered.upsert(document("doc.md", "hash-new", List.of("public"), "new text", 5));
            assertThat(recovered.stats().chunks()).isEqualTo(5);
        }
    }

    @Test
    void should_keep_every_acknowledged_write_after_a_crash() throws IOException {
        // given: an index that is never closed, whose document was replaced
        Path live = temp.resolve("live");
        Path crashImage = temp.resolve("crash-image");
        try (LuceneHybridIndex index = new LuceneHybridIndex(live, MODEL, DIMENSIONS)) {
            index.upsert(document("doc.md", "hash-old", List.of("public"), "old text", 5));
            index.upsert(document("doc.md", "hash-new", List.of("public"), "new text", 2));
            index.upsert(document("other.md", "hash-other", List.of("public"), "other text", 1));
            index.delete("other.md");

            // when: the process dies right after the calls returned
            copyFiles(live, crashImage);
        }

        // then: the crash image holds exactly the acknowledged state
        try (LuceneHybridIndex recovered = new LuceneHybridIndex(crashImage, MODEL, DIMENSIONS)) {
            List<Chunk> chunks = recovered.search(request(SearchMode.BM25, "text", null, PUBLIC, 50)).stream()
                    .map(Hit::chunk).toList();
            assertThat(chunks).hasSize(2).allSatisfy(c -> assertThat(c.content()).startsWith("new text"));
            assertThat(recovered.documentHashes()).containsOnlyKeys("doc.md");
        }
    }

    @Test
    void should_acknowledge_writes_through_the_translog_without_a_lucene_commit_each() throws IOException {
        // given: an index whose background commit will not run during the test
        Path live = temp.resolve("live");
        LuceneIndexOptions rareCommits = LuceneIndexOptions.defaults().withCommitInterval(Duration.ofHours(1));
        try (LuceneHybridIndex index = new LuceneHybridIndex(live, MODEL, DIMENSIONS, rareCommits);
             FSDirectory dir = FSDirectory.open(live)) {
            long commitBefore = SegmentInfos.readLatestCommit(dir).getGeneration();

            // when
            for (int i = 0; i < 20; i++) {
                index.upsert(document("doc-" + i + ".md", "hash-" + i, List.of("public"), "text " + i, 2));
            }

            // then: no Lucene commit was made, yet every write is visible and in the translog
            assertThat(SegmentInfos.readLatestCommit(dir).getGeneration()).isEqualTo(commitBefore);
            assertThat(index.stats().chunks()).isEqualTo(40);
            assertThat(index.search(request(SearchMode.BM25, "text", null, PUBLIC, 100))).hasSize(40);
            try (Stream<Path> files = Files.list(live)) {
                assertThat(files.map(f -> f.getFileName().toString())).anyMatch(n -> n.endsWith(".tlog"));
            }
        }
    }

    @Test
    void should_replay_the_translog_once_and_stay_identical_on_later_restarts() throws IOException {
        // given: a crash image taken while writes were only in the translog
        Path live = temp.resolve("live");
        Path crashImage = temp.resolve("crash-image");
        LuceneIndexOptions rareCommits = LuceneIndexOptions.defaults().withCommitInterval(Duration.ofHours(1));
        try (LuceneHybridIndex index = new LuceneHybridIndex(live, MODEL, DIMENSIONS, rareCommits)) {
            index.upsert(document("a.md", "hash-a1", List.of("public"), "alpha text", 3));
            index.upsert(document("b.md", "hash-b", List.of("public"), "beta text", 2));
            index.upsert(document("a.md", "hash-a2", List.of("public"), "alpha text again", 1));
            index.delete("b.md");
            copyFiles(live, crashImage);
        }

        // when: it is opened, closed and opened again
        Map<String, String> first;
        long firstGeneration;
        try (LuceneHybridIndex recovered = new LuceneHybridIndex(crashImage, MODEL, DIMENSIONS)) {
            first = recovered.documentHashes();
            firstGeneration = recovered.stats().generation();
            assertThat(recovered.stats().chunks()).isEqualTo(1);
        }
        try (LuceneHybridIndex again = new LuceneHybridIndex(crashImage, MODEL, DIMENSIONS)) {

            // then: the replayed state is the acknowledged one, and a second start neither loses nor repeats it
            assertThat(first).containsExactly(Map.entry("a.md", "hash-a2"));
            assertThat(again.documentHashes()).isEqualTo(first);
            assertThat(again.stats().chunks()).isEqualTo(1);
            assertThat(again.stats().generation()).isGreaterThanOrEqualTo(firstGeneration);
        }
    }

    @Test
    void should_ignore_a_torn_record_at_the_end_of_the_translog() throws IOException {
        // given: two acknowledged writes, then a record the process died while writing
        Path live = temp.resolve("live");
        Path crashImage = temp.resolve("crash-image");
        LuceneIndexOptions rareCommits = LuceneIndexOptions.defaults().withCommitInterval(Duration.ofHours(1));
        try (LuceneHybridIndex index = new LuceneHybridIndex(live, MODEL, DIMENSIONS, rareCommits)) {
            index.upsert(document("a.md", "hash-a", List.of("public"), "alpha text", 2));
            index.upsert(document("b.md", "hash-b", List.of("public"), "beta text", 1));
            copyFiles(live, crashImage);
        }
        Path tail;
        try (Stream<Path> files = Files.list(crashImage)) {
            tail = files.filter(f -> f.getFileName().toString().endsWith(".tlog")).max(Path::compareTo).orElseThrow();
        }
        // a header promising 4 KB, followed by a few bytes only
        Files.write(tail, new byte[] {0, 0, 16, 0, 1, 2, 3, 4, 9, 9, 9}, StandardOpenOption.APPEND);

        // when
        try (LuceneHybridIndex recovered = new LuceneHybridIndex(crashImage, MODEL, DIMENSIONS)) {

            // then: both acknowledged documents are there and the index takes writes
            assertThat(recovered.documentHashes()).containsOnlyKeys("a.md", "b.md");
            recovered.upsert(document("c.md", "hash-c", List.of("public"), "gamma text", 1));
            assertThat(recovered.stats().chunks()).isEqualTo(4);
        }
    }

    @Test
    void should_refuse_a_second_instance_on_the_same_directory() {
        // given
        try (LuceneHybridIndex first = new LuceneHybridIndex(temp.resolve("shared"), MODEL, DIMENSIONS)) {

            // when / then
            assertThatThrownBy(() -> new LuceneHybridIndex(temp.resolve("shared"), MODEL, DIMENSIONS))
                    .isInstanceOf(IndexUnavailableException.class);
            assertThat(first.isHealthy()).isTrue();
        }
    }

    @Test
    void should_analyze_with_the_configured_analyzer() {
        // given: English stemming instead of the default StandardAnalyzer
        LuceneIndexOptions english = LuceneIndexOptions.defaults().withAnalyzer(new EnglishAnalyzer());
        try (LuceneHybridIndex stemmed = new LuceneHybridIndex(temp.resolve("english"), MODEL, DIMENSIONS, english);
             LuceneHybridIndex standard = new LuceneHybridIndex(temp.resolve("standard"), MODEL, DIMENSIONS)) {
            for (LuceneHybridIndex index : List.of(stemmed, standard)) {
                index.upsert(document("run.md", List.of("public"), "She was running the marathons", NORTH));
            }

            // when
            List<Hit> stemmedHits = stemmed.search(request(SearchMode.BM25, "runs marathon", null, PUBLIC));
            List<Hit> standardHits = standard.search(request(SearchMode.BM25, "runs marathon", null, PUBLIC));

            // then
            assertThat(chunkIds(stemmedHits)).containsExactly("run.md#0");
            assertThat(standardHits).isEmpty();
        }
    }

    private static void copyFiles(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
    }
}
