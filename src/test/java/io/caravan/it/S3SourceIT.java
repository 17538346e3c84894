package io.caravan.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.caravan.ingest.s3.S3Clients;
import org.apache.camel.builder.NotifyBuilder;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static io.caravan.it.FileShareIngestionIT.enc;
import static io.caravan.it.RunningCaravan.await;
import static io.caravan.it.RunningCaravan.json;
import static org.assertj.core.api.Assertions.assertThat;

/** The S3 source end to end against S3Proxy, a real S3 API server, in this JVM. */
class S3SourceIT {

    private static final String BUCKET = "docs";

    @TempDir
    Path data;
    @TempDir
    Path inbox;
    @TempDir
    Path blobs;
    S3Proxy s3proxy;
    S3Client s3;
    RunningCaravan caravan;

    @BeforeEach
    void startS3() throws Exception {
        Properties properties = new Properties();
        properties.setProperty("jclouds.filesystem.basedir", blobs.toString());
        BlobStoreContext blobStore = ContextBuilder.newBuilder("filesystem").credentials("identity", "credential")
                .overrides(properties).build(BlobStoreContext.class);
        s3proxy = S3Proxy.builder().blobStore(blobStore.getBlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, "caravan-key", "caravan-secret").build();
        s3proxy.start();
        while (!"STARTED".equals(s3proxy.getState())) {
            TimeUnit.MILLISECONDS.sleep(10);
        }
        s3 = S3Clients.create("us-east-1", endpoint(), "caravan-key", "caravan-secret");
        s3.createBucket(b -> b.bucket(BUCKET));
    }

    @AfterEach
    void stop() throws Exception {
        if (caravan != null) {
            caravan.close();
        }
        s3.close();
        s3proxy.stop();
    }

    @Test
    void should_mirror_the_bucket_prefix_into_the_index_without_touching_the_bucket() throws Exception {
        // given
        put("handbook/vacation.txt", "Vacation\n\nEmployees receive 25 days of paid vacation per year.\n");
        put("other/secret.txt", "Secret\n\nThe launch code is under the mat.\n");
        start();
        awaitStatus("s3://docs/handbook/vacation.txt", "indexed");

        // when
        JsonNode answer = json(caravan.ask("How many vacation days do employees get?"));

        // then
        assertThat(answer.get("citations").get(0).get("docId").asText()).isEqualTo("s3://docs/handbook/vacation.txt");
        assertThat(answer.get("citations").get(0).get("source").asText()).isEqualTo("s3");
        JsonNode document = json(caravan.get("/api/documents/" + enc("s3://docs/handbook/vacation.txt")));
        assertThat(document.get("status").asText()).isEqualTo("indexed");
        assertThat(caravan.get("/api/documents/" + enc("s3://docs/other/secret.txt")).statusCode())
                .as("outside the prefix").isEqualTo(404);
        assertThat(s3.listObjectsV2(b -> b.bucket(BUCKET)).contents()).extracting(S3Object::key)
                .filteredOn(key -> !key.endsWith("/")) // the filesystem backend lists folders as markers
                .containsExactlyInAnyOrder("handbook/vacation.txt", "other/secret.txt");
    }

    @Test
    void should_skip_an_unchanged_object_and_reindex_a_changed_one() throws Exception {
        // given
        put("handbook/vacation.txt", "Vacation\n\nEmployees receive 25 days of paid vacation per year.\n");
        start();
        awaitStatus("s3://docs/handbook/vacation.txt", "indexed");
        String firstUpdate = json(caravan.get("/api/documents/" + enc("s3://docs/handbook/vacation.txt")))
                .get("updatedAt").asText();

        // when: several more polls of the same ETag
        await(caravan.notifier().fromRoute("source-s3").whenCompleted(5).create(), 60);

        // then: nothing went to the pipeline again (it would have marked the ledger pending, then indexed)
        assertThat(json(caravan.get("/api/documents/" + enc("s3://docs/handbook/vacation.txt")))
                .get("updatedAt").asText()).isEqualTo(firstUpdate);

        // when
        put("handbook/vacation.txt", "Vacation\n\nEmployees receive 30 days of paid vacation per year.\n");
        eventually(() -> !json(caravan.get("/api/documents/" + enc("s3://docs/handbook/vacation.txt")))
                .get("updatedAt").asText().equals(firstUpdate)
                && json(caravan.get("/api/documents/" + enc("s3://docs/handbook/vacation.txt")))
                .get("status").asText().equals("indexed"));

        // then
        JsonNode answer = json(caravan.ask("How many vacation days do employees get?"));
        assertThat(answer.get("answer").asText()).contains("30 days").doesNotContain("25 days");
        assertThat(json(caravan.get("/api/search?q=vacation&k=10")).get("hits")).hasSize(1);
    }

    @Test
    void should_remove_an_object_deleted_from_the_bucket_from_the_index() throws Exception {
        // given
        put("handbook/vacation.txt", "Vacation\n\nEmployees receive 25 days of paid vacation per year.\n");
        put("handbook/coffee.txt", "Coffee\n\nEspresso is brewed at nine bars of pressure.\n");
        start();
        awaitStatus("s3://docs/handbook/vacation.txt", "indexed");
        awaitStatus("s3://docs/handbook/coffee.txt", "indexed");

        // when
        NotifyBuilder reconciled = caravan.notifier().fromRoute("source-s3-reconcile").whenCompleted(2).create();
        s3.deleteObject(b -> b.bucket(BUCKET).key("handbook/coffee.txt"));
        await(reconciled, 60);

        // then
        assertThat(json(caravan.get("/api/documents/" + enc("s3://docs/handbook/coffee.txt"))).get("status")
                .asText()).isEqualTo("deleted");
        assertThat(json(caravan.get("/api/search?q=espresso&k=10")).get("hits").findValuesAsText("docId"))
                .doesNotContain("s3://docs/handbook/coffee.txt");
        assertThat(json(caravan.get("/api/documents/" + enc("s3://docs/handbook/vacation.txt"))).get("status")
                .asText()).isEqualTo("indexed");
    }

    @Test
    void should_quarantine_an_oversized_object_once_and_keep_it_in_the_bucket() throws Exception {
        // given
        put("handbook/huge.txt", "x".repeat(70_000));
        start(Map.of("caravan.ingest.max-file-size", "64KB"));

        // when
        awaitStatus("s3://docs/handbook/huge.txt", "failed");
        JsonNode first = json(caravan.get("/api/documents/" + enc("s3://docs/handbook/huge.txt")));
        await(caravan.notifier().fromRoute("source-s3").whenCompleted(4).create(), 60);

        // then
        JsonNode document = json(caravan.get("/api/documents/" + enc("s3://docs/handbook/huge.txt")));
        assertThat(document.get("error").asText()).contains("over the limit");
        assertThat(document.get("updatedAt")).as("quarantined again although unchanged")
                .isEqualTo(first.get("updatedAt"));
        assertThat(s3.headObject(b -> b.bucket(BUCKET).key("handbook/huge.txt")).contentLength()).isEqualTo(70_000);
    }

    @Test
    void should_relabel_objects_at_the_start_up_reconcile_after_the_acl_rules_changed() throws Exception {
        // given: the bucket's hr folder is for hr (rules match the whole key, prefix included)
        put("handbook/hr/salaries.txt", "Salaries\n\nSalary bands are reviewed every April.\n");
        put("handbook/holidays.txt", "Holidays\n\nThe office closes between the holidays.\n");
        start(Map.of("caravan.sources.s3.acl-rules", "handbook/hr/**=hr"));
        // read from the ledger: the API hides an hr document from this test's anonymous caller (404)
        eventually(() -> ledger().find("s3://docs/handbook/hr/salaries.txt")
                .filter(r -> r.status() == io.caravan.ingest.DocumentStatus.INDEXED).isPresent());
        assertThat(caravan.get("/api/documents/" + enc("s3://docs/handbook/hr/salaries.txt")).statusCode())
                .isEqualTo(404);
        awaitStatus("s3://docs/handbook/holidays.txt", "indexed");
        assertThat(docIds("salary", "hr")).containsExactly("s3://docs/handbook/hr/salaries.txt");
        assertThat(docIds("salary", "public")).isEmpty();
        java.util.List<io.caravan.index.Hit> before = search("salary", "hr");
        caravan.close();

        // when: restarted with the rule naming other groups (unchanged ETags: the source skips them, the reconcile does it)
        start(Map.of("caravan.sources.s3.acl-rules", "handbook/hr/**=finance,exec"));
        eventually(() -> docIds("salary", "finance").contains("s3://docs/handbook/hr/salaries.txt"));

        // then
        assertThat(docIds("salary", "hr")).isEmpty();
        assertThat(docIds("closes", "public")).containsExactly("s3://docs/handbook/holidays.txt");
        java.util.List<io.caravan.index.Hit> after = search("salary", "exec");
        assertThat(after).extracting(h -> h.chunk().ingestedAt()).as("not re-embedded")
                .isEqualTo(before.stream().map(h -> h.chunk().ingestedAt()).toList());
        assertThat(ledger().find("s3://docs/handbook/hr/salaries.txt").orElseThrow().acl())
                .containsExactly("finance", "exec");
    }

    private io.caravan.ingest.DocumentLedger ledger() {
        return caravan.context().getRegistry().lookupByNameAndType("documentLedger",
                io.caravan.ingest.DocumentLedger.class);
    }

    private java.util.List<io.caravan.index.Hit> search(String text, String group) {
        return caravan.context().getRegistry().lookupByNameAndType("hybridIndex", io.caravan.index.HybridIndex.class)
                .search(new io.caravan.index.SearchRequest(text, null, io.caravan.index.SearchMode.BM25, 50,
                        java.util.Set.of(group), Map.of()));
    }

    private java.util.List<String> docIds(String text, String group) {
        return search(text, group).stream().map(h -> h.chunk().docId()).distinct().toList();
    }

    private void start() throws Exception {
        start(Map.of());
    }

    private void awaitStatus(String docId, String status) throws InterruptedException {
        eventually(() -> {
            var response = caravan.get("/api/documents/" + enc(docId));
            return response.statusCode() == 200 && json(response).get("status").asText().equals(status);
        });
    }

    // the ledger is what the API shows; polled with a deadline, as each poll of the bucket is one exchange per object
    private static void eventually(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not true within 60s");
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }

    private RunningCaravan start(Map<String, String> extra) throws Exception {
        Map<String, String> config = new java.util.HashMap<>(Map.of(
                "caravan.sources.s3.enabled", "true",
                "caravan.sources.s3.bucket", BUCKET,
                "caravan.sources.s3.prefix", "handbook/",
                "caravan.sources.s3.endpoint", endpoint(),
                "caravan.sources.s3.access-key", "caravan-key",
                "caravan.sources.s3.secret-key", "caravan-secret",
                "caravan.sources.s3.poll-interval", "200ms",
                "caravan.sources.s3.reconcile-interval", "1s",
                "caravan.jms.enabled", "false"));
        config.putAll(extra);
        caravan = RunningCaravan.start(data, inbox, config);
        return caravan;
    }

    private void put(String key, String content) {
        s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromString(content));
    }

    private String endpoint() {
        return "http://127.0.0.1:" + s3proxy.getPort();
    }
}
