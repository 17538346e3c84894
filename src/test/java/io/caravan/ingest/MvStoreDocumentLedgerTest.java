package io.caravan.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ledger contract on an MVStore file, plus the file's own history. */
class MvStoreDocumentLedgerTest extends DocumentLedgerContract {

    @TempDir
    Path dataDir;

    @Override
    protected DocumentLedger open(Clock clock) {
        return new MvStoreDocumentLedger(dataDir, clock);
    }

    @Test
    void should_read_a_record_written_before_ledgers_kept_acls_with_no_acl() {
        // given: a record as an earlier Caravan wrote it, without the acl field
        open().close();
        try (MVStore store = new MVStore.Builder().fileName(dataDir.resolve(MvStoreDocumentLedger.FILE_NAME)
                .toString()).open()) {
            MVMap<String, String> documents = store.openMap("documents");
            documents.put("old.txt", "{\"docId\":\"old.txt\",\"source\":\"file\",\"status\":\"indexed\","
                    + "\"chunks\":2,\"contentHash\":\"h\",\"createdAt\":\"2025-01-01T00:00:00Z\","
                    + "\"updatedAt\":\"2025-01-01T00:00:00Z\"}");
            store.commit();
        }

        // when
        DocumentRecord old = open().find("old.txt").orElseThrow();

        // then
        assertThat(old.acl()).isNull();
        assertThat(old.status()).isEqualTo(DocumentStatus.INDEXED);
        assertThat(old.chunks()).isEqualTo(2);
    }

}
