package io.caravan.ingest;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The ACL each source gives a document by its docId alone: what the quarantine records for a document that failed
 * before it was read, so the documents API still shows it only to its groups
 * (docs/channels-and-sources.md#document-acls). Thread safe when the functions are.
 */
public final class SourceAcls {

    private final Map<String, Function<String, List<String>>> bySource;

    /** @param bySource for each source name, the ACL of a docId ({@code null} when it cannot tell) */
    public SourceAcls(Map<String, Function<String, List<String>>> bySource) {
        this.bySource = Map.copyOf(bySource);
    }

    /** No source can tell. */
    public static SourceAcls none() {
        return new SourceAcls(Map.of());
    }

    /** The ACL {@code source} gives {@code docId}, or {@code null} when it cannot tell. */
    public List<String> aclOf(String source, String docId) {
        Function<String, List<String>> acls = source == null || docId == null ? null : bySource.get(source);
        if (acls == null) {
            return null;
        }
        try {
            return acls.apply(docId);
        } catch (RuntimeException e) {
            // an unreadable upload ACL: the ledger keeps the ACL it knew
            return null;
        }
    }
}
