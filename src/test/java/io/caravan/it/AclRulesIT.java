package io.caravan.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.caravan.index.Hit;
import io.caravan.index.HybridIndex;
import io.caravan.index.SearchMode;
import io.caravan.index.SearchRequest;
import io.caravan.ingest.DocumentLedger;
import io.caravan.ingest.DocumentRecord;
import io.caravan.ingest.DocumentStatus;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Document ACLs from the file share's rules end to end (docs/channels-and-sources.md#document-acls): each group finds
 * only its folder's documents, and after a restart with other rules the start-up reconcile re-labels them without
 * re-embedding them.
 */
class AclRulesIT {

    private static final String RULES = "caravan.sources.file.acl-rules";

    @TempDir
    Path data;
    @TempDir
    Path inbox;
    RunningCaravan caravan;

    @AfterEach
    void stop() {
        if (caravan != null) {
            caravan.close();
        }
    }

    @Test
    void should_show_each_group_its_folders_and_relabel_without_reembedding_after_the_rules_changed() throws Exception {
        // given: hr/ for hr, finance/ for finance, the rest public
        Fixtures.text(inbox.resolve("hr/salaries.md"), "# Salaries\n\nSalary bands are reviewed every April.\n");
        Fixtures.text(inbox.resolve("finance/budget.md"), "# Budget\n\nThe salary budget grows four percent.\n");
        Fixtures.text(inbox.resolve("notes.md"), "# Notes\n\nThe salary survey closes soon.\n");
        caravan = RunningCaravan.start(data, inbox, Map.of(RULES, "hr/**=hr;finance/**=finance"));
        eventually(() -> allIndexed("hr/salaries.md", "finance/budget.md", "notes.md"));

        // then: each group sees only what its rules give it
        assertThat(docIds(search("salary", "hr"))).containsExactlyInAnyOrder("hr/salaries.md");
        assertThat(docIds(search("salary", "finance"))).containsExactlyInAnyOrder("finance/budget.md");
        assertThat(docIds(search("salary", "public"))).containsExactlyInAnyOrder("notes.md");
        assertThat(ledger().find("hr/salaries.md").orElseThrow().acl()).containsExactly("hr");
        Map<String, Instant> ingestedBefore = ingestedAt(search("salary", "hr", "finance", "public"));
        long generationBefore = index().generation();
        caravan.close();

        // when: restarted with the folders' groups swapped and the notes for staff too
        caravan = RunningCaravan.start(data, inbox, Map.of(RULES, "hr/**=finance;finance/**=hr,exec;*.md=staff",
                "caravan.sources.file.acl", "public"));
        eventually(() -> aclIs("hr/salaries.md", "finance") && aclIs("finance/budget.md", "hr", "exec")
                && aclIs("notes.md", "staff"));

        // then: the index carries the new ACLs, the old groups lost access
        assertThat(docIds(search("salary", "hr"))).containsExactlyInAnyOrder("finance/budget.md");
        assertThat(docIds(search("salary", "finance"))).containsExactlyInAnyOrder("hr/salaries.md");
        assertThat(docIds(search("salary", "staff"))).containsExactlyInAnyOrder("notes.md");
        assertThat(search("salary", "public")).isEmpty();
        // not re-embedded: a re-ingested chunk would carry the time it was indexed again
        assertThat(ingestedAt(search("salary", "hr", "finance", "staff"))).isEqualTo(ingestedBefore);
        assertThat(ledger().list()).allSatisfy(r -> assertThat(r.status()).isEqualTo(DocumentStatus.INDEXED));
        // the answer cache keys on it
        assertThat(index().generation()).isNotEqualTo(generationBefore);
    }

    private boolean allIndexed(String... docIds) {
        for (String docId : docIds) {
            if (ledger().find(docId).map(DocumentRecord::status).orElse(null) != DocumentStatus.INDEXED) {
                return false;
            }
        }
        return true;
    }

    private boolean aclIs(String docId, String... groups) {
        List<String> acl = ledger().find(docId).map(DocumentRecord::acl).orElse(null);
        if (acl == null || !Set.copyOf(acl).equals(Set.of(groups))) {
            return false;
        }
        // the index is re-labelled before the ledger
        return search("salary", groups).stream().anyMatch(h -> h.chunk().docId().equals(docId)
                && Set.copyOf(h.chunk().acl()).equals(Set.of(groups)));
    }

    private List<Hit> search(String text, String... groups) {
        return index().search(new SearchRequest(text, null, SearchMode.BM25, 50, Set.of(groups), Map.of()));
    }

    private HybridIndex index() {
        return caravan.context().getRegistry().lookupByNameAndType("hybridIndex", HybridIndex.class);
    }

    private DocumentLedger ledger() {
        return caravan.context().getRegistry().lookupByNameAndType("documentLedger", DocumentLedger.class);
    }

    private static List<String> docIds(List<Hit> hits) {
        return hits.stream().map(h -> h.chunk().docId()).distinct().toList();
    }

    private static Map<String, Instant> ingestedAt(List<Hit> hits) {
        Map<String, Instant> times = new TreeMap<>();
        hits.forEach(h -> times.put(h.chunk().chunkId(), h.chunk().ingestedAt()));
        return times;
    }

    // the start-up reconcile and the file route run on their own threads; polled with a deadline
    static void eventually(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not true within 90s");
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }
}
