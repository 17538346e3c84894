package io.caravan.it;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Leadership through a Kubernetes Lease (docs/operations.md#scale-out), against fabric8's Kubernetes API server in
 * CRUD mode: Leases and Pods are stored and updated with optimistic locking on their resourceVersion, as by a real API
 * server. Camel's Lease election counts as candidates the running, ready pods the labels select; a holder whose pod is
 * no longer ready loses the Lease, steps down at its next check, and the other candidate starts the sources one Lease
 * duration after it took the Lease, so the two never run them at the same time.
 */
class ClusterLeaseIT {

    private static final List<String> SOURCE_ROUTES = List.of("source-file", "source-file-reconcile");
    private static final String NAMESPACE = "caravan-test";

    @TempDir
    Path dir;

    private KubernetesMockServer server;
    private NamespacedKubernetesClient kubernetes;

    @BeforeEach
    void startApiServer() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        server.init();
        kubernetes = server.createClient();
    }

    @AfterEach
    void stopApiServer() {
        kubernetes.close();
        server.destroy();
    }

    @Test
    void should_run_the_sources_on_the_lease_holder_and_move_them_when_its_pod_is_no_longer_ready() throws Exception {
        // given: two pods of Caravan, ready, and a third pod of something else in the namespace
        Map<String, RunningCaravan> caravans = new LinkedHashMap<>();
        try {
            for (String pod : List.of("caravan-a", "caravan-b")) {
                putPod(pod, "caravan", true);
            }
            putPod("other-app", "other", true);
            for (String pod : List.of("caravan-a", "caravan-b")) {
                caravans.put(pod, RunningCaravan.start(Files.createDirectories(dir.resolve(pod + "-data")),
                        Files.createDirectories(dir.resolve(pod + "-inbox")), Map.of(
                                "caravan.cluster.service", "kubernetes",
                                "caravan.cluster.kubernetes.master-url", server.url("/"),
                                "caravan.cluster.kubernetes.namespace", NAMESPACE,
                                "caravan.cluster.kubernetes.pod-name", pod,
                                "caravan.cluster.kubernetes.pod-labels", "app.kubernetes.io/name=caravan",
                                "caravan.cluster.kubernetes.lease-duration", "2s",
                                "caravan.cluster.kubernetes.renew-deadline", "1500ms",
                                "caravan.cluster.kubernetes.retry-period", "500ms")));
            }

            // when: the election settles
            String first = awaitOneLeader(caravans);
            String second = first.equals("caravan-a") ? "caravan-b" : "caravan-a";

            // then: the Lease names the leader's pod; only it polls; both answer and say which they are
            Lease lease = kubernetes.leases().inNamespace(NAMESPACE).withName("caravan-sources").get();
            assertThat(lease).as("the Lease caravan-sources").isNotNull();
            assertThat(lease.getSpec().getHolderIdentity()).isEqualTo(first);
            assertThat(role(caravans.get(first))).isEqualTo("leader");
            assertThat(role(caravans.get(second))).isEqualTo("follower");
            assertThat(caravans.get(second).get("/api/health").statusCode()).isEqualTo(200);

            // when: the leader's pod stops being ready (what the kubelet reports when its container dies or its
            // readiness probe fails), while its process still runs
            long unready = System.nanoTime();
            putPod(first, "caravan", false);

            // then: the old leader steps down, the other takes over, and at no moment do both run the sources
            awaitLeader(caravans, second);
            System.out.printf("Lease failover after the leader's pod became unready: %.1f s%n",
                    (System.nanoTime() - unready) / 1e9);
            Lease taken = kubernetes.leases().inNamespace(NAMESPACE).withName("caravan-sources").get();
            assertThat(taken.getSpec().getHolderIdentity()).isEqualTo(second);
            assertThat(taken.getSpec().getLeaseTransitions()).isEqualTo(1);
            assertThat(role(caravans.get(first))).isEqualTo("follower");

            // when: the old pod is ready again
            putPod(first, "caravan", true);

            // then: it stays a follower; the leadership does not flap back
            long settle = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (System.nanoTime() < settle) {
                assertThat(leaders(caravans)).containsExactly(second);
                TimeUnit.MILLISECONDS.sleep(100);
            }
        } finally {
            caravans.values().forEach(RunningCaravan::close);
        }
    }

    /** Creates or replaces a pod as the kubelet would report it: running, ready or not. */
    private void putPod(String name, String app, boolean ready) {
        Pod pod = new PodBuilder()
                .withNewMetadata().withName(name).withNamespace(NAMESPACE)
                .addToLabels("app.kubernetes.io/name", app).endMetadata()
                .withNewStatus().withPhase("Running")
                .addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition()
                .endStatus()
                .build();
        kubernetes.pods().inNamespace(NAMESPACE).resource(pod).createOr(existing -> existing.update());
        kubernetes.pods().inNamespace(NAMESPACE).resource(pod).updateStatus();
    }

    private static String awaitOneLeader(Map<String, RunningCaravan> caravans) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            List<String> leaders = leaders(caravans);
            if (leaders.size() == 1) {
                // and it stays one for a few retry periods
                TimeUnit.SECONDS.sleep(2);
                assertThat(leaders(caravans)).containsExactly(leaders.get(0));
                return leaders.get(0);
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        throw new AssertionError("no leader within 60 s");
    }

    private static void awaitLeader(Map<String, RunningCaravan> caravans, String expected)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (leaders(caravans).equals(List.of(expected))) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        throw new AssertionError(expected + " did not take the sources over within 60 s; running them: "
                + leaders(caravans));
    }

    /** The instances running the sources now; never more than one. */
    private static List<String> leaders(Map<String, RunningCaravan> caravans) {
        List<String> leaders = new ArrayList<>();
        caravans.forEach((pod, caravan) -> {
            if (SOURCE_ROUTES.stream().allMatch(id ->
                    caravan.context().getRouteController().getRouteStatus(id) == ServiceStatus.Started)) {
                leaders.add(pod);
            }
        });
        assertThat(leaders).as("never two leaders").hasSizeLessThanOrEqualTo(1);
        return leaders;
    }

    private static String role(RunningCaravan caravan) {
        return RunningCaravan.json(caravan.get("/api/health")).get("sources").asText();
    }
}
