package io.caravan.index.elasticsearch;

import io.caravan.index.IndexUnavailableException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Sends bulk operations and retries only the items that failed for a passing reason. An item answered 429 (the
 * node's queues are full) or 5xx is sent again, alone with the other such items, after an exponential back-off;
 * an item answered 400 (a mapping or parsing error: the document itself is wrong) is permanent and reported,
 * never retried; any other status (401, 403 for a write block, 404 for a missing index) is about the cluster, not
 * the document, and makes the whole send fail as unavailable.
 * Pure apart from the sender and the sleeper; thread safe when they are.
 *
 * @param <T> the operation type
 */
final class BulkRetrier<T> {

    /** Sends one bulk request and reports every item's outcome, in the order of the operations. */
    @FunctionalInterface
    interface Sender<T> {
        List<ItemOutcome> send(List<T> operations) throws IOException;
    }

    /** Waits between attempts (replaced in tests). */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /**
     * What the node answered for one item.
     *
     * @param status HTTP status of the item
     * @param reason the error's type and reason, or {@code null} when the item succeeded
     */
    record ItemOutcome(int status, String reason) {
        static final ItemOutcome OK = new ItemOutcome(200, null);

        boolean failed() {
            return reason != null;
        }

        boolean retryable() {
            return status == 429 || status >= 500;
        }

        boolean documentError() {
            return status == 400;
        }
    }

    private final Sender<T> sender;
    private final Sleeper sleeper;
    private final int maxRetries;
    private final Duration firstBackOff;

    BulkRetrier(Sender<T> sender, Sleeper sleeper, int maxRetries, Duration firstBackOff) {
        this.sender = Objects.requireNonNull(sender, "sender");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.maxRetries = maxRetries;
        this.firstBackOff = firstBackOff;
    }

    /**
     * Sends the operations until each has succeeded or failed permanently.
     *
     * @return the permanent failures: reason by position in {@code operations}; empty when all succeeded
     * @throws IOException               when a request as a whole fails (the node is unreachable, ...)
     * @throws IndexUnavailableException when items still fail with 429/5xx after the last retry, or an item fails
     *                                   for a reason that is not the document's
     */
    Map<Integer, String> send(List<T> operations) throws IOException {
        Map<Integer, String> permanent = new LinkedHashMap<>();
        List<Integer> pending = new ArrayList<>();
        for (int i = 0; i < operations.size(); i++) {
            pending.add(i);
        }
        Duration backOff = firstBackOff;
        for (int attempt = 0; !pending.isEmpty(); attempt++) {
            List<T> batch = pending.stream().map(operations::get).toList();
            List<ItemOutcome> outcomes = sender.send(batch);
            if (outcomes.size() != batch.size()) {
                throw new IOException("bulk answered " + outcomes.size() + " items for " + batch.size());
            }
            List<Integer> retry = new ArrayList<>();
            String lastTransient = null;
            for (int i = 0; i < batch.size(); i++) {
                ItemOutcome outcome = outcomes.get(i);
                if (!outcome.failed()) {
                    continue;
                }
                if (outcome.retryable()) {
                    retry.add(pending.get(i));
                    lastTransient = outcome.status() + " " + outcome.reason();
                } else if (outcome.documentError()) {
                    permanent.put(pending.get(i), outcome.reason());
                } else {
                    throw new IndexUnavailableException("the cluster refused a bulk item with " + outcome.status()
                            + ": " + outcome.reason(), null);
                }
            }
            if (!retry.isEmpty() && attempt >= maxRetries) {
                throw new IndexUnavailableException(retry.size() + " bulk items still failed after " + maxRetries
                        + " retries, last: " + lastTransient, null);
            }
            if (!retry.isEmpty()) {
                try {
                    sleeper.sleep(backOff);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IndexUnavailableException("interrupted while retrying bulk items", e);
                }
                backOff = backOff.multipliedBy(2);
            }
            pending = retry;
        }
        return permanent;
    }
}
