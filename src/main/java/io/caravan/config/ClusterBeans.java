package io.caravan.config;

import org.apache.camel.CamelContext;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.component.file.cluster.FileLockClusterService;
import org.apache.camel.component.kubernetes.KubernetesConfiguration;
import org.apache.camel.component.kubernetes.cluster.KubernetesClusterService;
import org.apache.camel.impl.cluster.ClusteredRoutePolicy;
import org.apache.camel.spi.RoutePolicy;
import org.apache.camel.support.RoutePolicySupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The route policy of the routes that must run once in the cluster, {@code sourceLeader}
 * (docs/operations.md#scale-out): the share's and the bucket's polling and reconciliation, the documents mailbox and
 * the questions mailbox. Clustered, it is Camel's {@link ClusteredRoutePolicy} over a file-lock or Kubernetes Lease
 * cluster service: those routes start on the instance that holds the leadership and stop when it loses it, and a
 * follower takes over when the leader dies. Not clustered, it does nothing.
 */
final class ClusterBeans {

    /** The bean the source routes name as their {@code routePolicy}. */
    static final String SOURCE_LEADER = "sourceLeader";
    /** The bean saying whether this instance runs the sources now: standalone, leader or follower. */
    static final String SOURCES_ROLE = "sourcesRole";

    private static final Logger LOG = LoggerFactory.getLogger(ClusterBeans.class);

    private ClusterBeans() {
    }

    static void bind(CamelContext context, ClusterSettings cluster) throws Exception {
        RoutePolicy policy;
        Supplier<String> role = () -> "standalone";
        if (cluster.isClustered()) {
            CamelClusterService service = service(cluster);
            context.addService(service, true, true);
            policy = ClusteredRoutePolicy.forNamespace(service, cluster.name());
            role = () -> service.isLeader(cluster.name()) ? "leader" : "follower";
            LOG.info("sources run on the leader only: cluster service {} ({}), member {}", cluster.service(),
                    cluster.name(), service.getId());
        } else {
            policy = new RoutePolicySupport() {
            };
        }
        context.getRegistry().bind(SOURCE_LEADER, policy);
        context.getRegistry().bind(SOURCES_ROLE, role);
    }

    private static CamelClusterService service(ClusterSettings cluster) {
        if (cluster.service().equals("file")) {
            FileLockClusterService file = new FileLockClusterService();
            file.setId(memberId());
            file.setRoot(cluster.fileRoot().toAbsolutePath().toString());
            file.setAcquireLockDelay(100, TimeUnit.MILLISECONDS);
            file.setAcquireLockInterval(cluster.fileRetryInterval().toMillis(), TimeUnit.MILLISECONDS);
            return file;
        }
        // the API server goes in through the constructor: camel-kubernetes 4.17 applies setMasterUrl only to a
        // service built with a configuration, and ignores it on one built empty
        KubernetesConfiguration client = new KubernetesConfiguration();
        client.setMasterUrl(cluster.masterUrl());
        KubernetesClusterService kubernetes = new KubernetesClusterService(client);
        kubernetes.setId(memberId());
        // Camel names the Lease <resource name>-<leadership name>: caravan-sources by default
        kubernetes.setKubernetesResourceName("caravan");
        if (cluster.kubernetesNamespace() != null) {
            // the Lease's and the candidate pods' namespace; setKubernetesNamespace would only name the client's
            // default, which an in-cluster client takes from its service account regardless
            kubernetes.setKubernetesResourcesNamespace(cluster.kubernetesNamespace());
        }
        if (cluster.podName() != null) {
            kubernetes.setPodName(cluster.podName());
        }
        // the candidates are the ready pods these labels select: a holder whose pod is gone loses the Lease at once
        kubernetes.setClusterLabels(new HashMap<>(cluster.podLabels()));
        kubernetes.setLeaseDurationMillis(cluster.leaseDuration().toMillis());
        kubernetes.setRenewDeadlineMillis(cluster.renewDeadline().toMillis());
        kubernetes.setRetryPeriodMillis(cluster.retryPeriod().toMillis());
        return kubernetes;
    }

    // unique per Caravan, readable in logs: the host (the pod's name on Kubernetes), the process id, and a few random
    // characters for several Caravans in one JVM (tests)
    private static String memberId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return "caravan-" + host + "-" + ProcessHandle.current().pid() + "-"
                + java.util.UUID.randomUUID().toString().substring(0, 4);
    }
}
