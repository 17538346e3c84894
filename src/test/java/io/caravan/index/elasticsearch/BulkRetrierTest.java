package io.caravan.index.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.caravan.index.IndexUnavailableException;
import io.caravan.index.elasticsearch.BulkRetrier.ItemOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BulkRetrierTest {

    /** A node that answers each operation with the outcomes scripted for it, one per attempt, then OK. */
    private static final class ScriptedNode implements BulkRetrier.Sender<String> {
        final Map<String, List<ItemOutcome>> script = new HashMap<>();
        final List<List<String>> requests = new ArrayList<>();

        ScriptedNode answer(String operation, ItemOutcome... outcomes) {
            script.put(operation, new ArrayList<>(List.of(outcomes)));
            return this;
        }

        @Override
        public List<ItemOutcome> send(List<String> operations) {
            requests.add(List.copyOf(operations));
            return operations.stream().map(op -> {
                List<ItemOutcome> left = script.getOrDefault(op, new ArrayList<>());
                return left.isEmpty() ? ItemOutcome.OK : left.remove(0);
            }).toList();
        }
    }

    private final List<Duration> sleeps = new ArrayList<>();

    private BulkRetrier<String> retrier(ScriptedNode node, int maxRetries) {
        return new BulkRetrier<>(node, sleeps::add, maxRetries, Duration.ofMillis(100));
    }

    @Test
    void should_retry_only_the_items_that_failed_with_429_or_5xx() throws Exception {
        // given
        ScriptedNode node = new ScriptedNode()
                .answer("b", new ItemOutcome(429, "es_rejected_execution_exception: queue full"))
                .answer("c", new ItemOutcome(503, "unavailable_shards_exception: no shard"),
                        new ItemOutcome(503, "unavailable_shards_exception: no shard"));

        // when
        Map<Integer, String> permanent = retrier(node, 5).send(List.of("a", "b", "c", "d"));

        // then
        assertThat(permanent).isEmpty();
        assertThat(node.requests).containsExactly(List.of("a", "b", "c", "d"), List.of("b", "c"), List.of("c"));
        assertThat(sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
    }

    @Test
    void should_report_permanent_item_errors_by_position_without_retrying_them() throws Exception {
        // given
        ScriptedNode node = new ScriptedNode()
                .answer("bad", new ItemOutcome(400, "document_parsing_exception: failed to parse field [page]"))
                .answer("busy", new ItemOutcome(429, "es_rejected_execution_exception"));

        // when
        Map<Integer, String> permanent = retrier(node, 3).send(List.of("ok", "bad", "busy"));

        // then
        assertThat(permanent).containsExactly(Map.entry(1, "document_parsing_exception: failed to parse field [page]"));
        assertThat(node.requests).containsExactly(List.of("ok", "bad", "busy"), List.of("busy"));
    }

    @Test
    void should_fail_as_unavailable_when_the_cluster_refuses_an_item_for_a_reason_not_the_documents() {
        // given: a write block on the index
        ScriptedNode node = new ScriptedNode().answer("x", new ItemOutcome(403,
                "cluster_block_exception: index [caravan-chunks-000001] blocked by: [FORBIDDEN/8/index write (api)]"));

        // when / then
        assertThatThrownBy(() -> retrier(node, 3).send(List.of("ok", "x")))
                .isInstanceOf(IndexUnavailableException.class)
                .hasMessageContaining("403").hasMessageContaining("index write");
        assertThat(node.requests).hasSize(1);
    }

    @Test
    void should_give_up_as_unavailable_when_items_keep_failing_transiently() {
        // given
        ItemOutcome busy = new ItemOutcome(429, "es_rejected_execution_exception");
        ScriptedNode node = new ScriptedNode().answer("x", busy, busy, busy, busy);

        // when / then
        assertThatThrownBy(() -> retrier(node, 2).send(List.of("x")))
                .isInstanceOf(IndexUnavailableException.class)
                .hasMessageContaining("after 2 retries");
        assertThat(node.requests).hasSize(3);
    }
}
