package io.caravan.it;

import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Leadership through Camel's file-lock cluster service (docs/operations.md#scale-out): of two Caravans sharing a lock
 * folder, only the leader runs the source routes; when it stops, the other takes them over; every instance answers.
 */
class ClusterLeadershipIT {

    private static final List<String> SOURCE_ROUTES = List.of("source-file", "source-file-reconcile");

    @TempDir
    Path dir;

    @Test
    void should_run_the_sources_on_one_instance_and_move_them_when_the_leader_stops() throws Exception {
        // given
        Path lock = Files.createDirectories(dir.resolve("cluster"));
        List<RunningCaravan> caravans = new ArrayList<>();
        try {
            for (String name : List.of("a", "b")) {
                caravans.add(RunningCaravan.start(Files.createDirectories(dir.resolve(name + "-data")),
                        Files.createDirectories(dir.resolve(name + "-inbox")), Map.of(
                                "caravan.cluster.service", "file",
                                "caravan.cluster.file.root", lock.toString(),
                                "caravan.cluster.file.retry-interval", "500ms")));
            }

            // when: the election settles
            RunningCaravan leader = awaitOneLeader(caravans);
            RunningCaravan follower = caravans.get(1 - caravans.indexOf(leader));

            // then: only the leader polls; both answer, and say which they are
            assertThat(runsSources(follower)).isFalse();
            assertThat(follower.get("/api/health").statusCode()).isEqualTo(200);
            assertThat(RunningCaravan.json(follower.get("/api/health")).get("sources").asText()).isEqualTo("follower");
            assertThat(RunningCaravan.json(leader.get("/api/health")).get("sources").asText()).isEqualTo("leader");

            // when: the leader goes away
            long stopped = System.nanoTime();
            leader.close();
            caravans.remove(leader);

            // then: the follower takes the sources over, within the heartbeat timeout
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!runsSources(follower) && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(100);
            }
            assertThat(runsSources(follower)).as("the follower took over").isTrue();
            assertThat(RunningCaravan.json(follower.get("/api/health")).get("sources").asText()).isEqualTo("leader");
            System.out.printf("failover after the leader stopped: %.1f s%n",
                    (System.nanoTime() - stopped) / 1e9);
        } finally {
            caravans.forEach(RunningCaravan::close);
        }
    }

    private static RunningCaravan awaitOneLeader(List<RunningCaravan> caravans) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            List<RunningCaravan> leaders = caravans.stream().filter(ClusterLeadershipIT::runsSources).toList();
            assertThat(leaders.size()).as("never two leaders").isLessThanOrEqualTo(1);
            if (leaders.size() == 1) {
                // and it stays one for a few retry intervals
                TimeUnit.SECONDS.sleep(2);
                assertThat(caravans.stream().filter(ClusterLeadershipIT::runsSources).toList())
                        .containsExactly(leaders.get(0));
                return leaders.get(0);
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        throw new AssertionError("no leader within 60 s");
    }

    private static boolean runsSources(RunningCaravan caravan) {
        return SOURCE_ROUTES.stream().allMatch(id ->
                caravan.context().getRouteController().getRouteStatus(id) == ServiceStatus.Started);
    }
}
