package io.caravan.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Leadership between instances, {@code caravan.cluster.*} (docs/operations.md#scale-out): which Camel cluster service
 * elects the instance that runs the sources.
 *
 * @param service            {@code none} (every instance runs its sources: one instance only), {@code file} (a lock
 *                           on a shared volume) or {@code kubernetes} (a Lease)
 * @param name               the leadership's name: the lock's namespace; the Lease is {@code caravan-<name>}
 * @param fileRoot           the shared folder of the file lock, or {@code null}
 * @param fileRetryInterval  how often a follower tries to take the file lock: bounds the failover time
 * @param kubernetesNamespace the Lease's namespace, or {@code null} for the pod's own
 * @param masterUrl          the Kubernetes API server, or {@code null} for the client's own discovery (the pod's
 *                           service account, else the kubeconfig)
 * @param podName            this instance's pod, the Lease's holder, or {@code null} for {@code HOSTNAME}
 * @param podLabels          the labels that select the candidates' pods (empty: every pod of the namespace)
 * @param leaseDuration      how long a Lease stays its holder's without renewal: bounds the failover time
 * @param renewDeadline      how long the leader keeps trying to renew before it steps down
 * @param retryPeriod        how often candidates and the leader act on the Lease
 */
public record ClusterSettings(String service, String name, Path fileRoot, Duration fileRetryInterval,
                              String kubernetesNamespace, String masterUrl, String podName,
                              Map<String, String> podLabels, Duration leaseDuration, Duration renewDeadline,
                              Duration retryPeriod) {

    public ClusterSettings {
        if (!service.equals("none") && !service.equals("file") && !service.equals("kubernetes")) {
            throw new IllegalStateException("caravan.cluster.service must be none, file or kubernetes, was " + service);
        }
        if (service.equals("file") && fileRoot == null) {
            throw new IllegalStateException("caravan.cluster.service=file needs caravan.cluster.file.root: a folder "
                    + "every instance shares");
        }
        podLabels = Map.copyOf(podLabels);
        if (!renewDeadline.minus(leaseDuration).isNegative()) {
            throw new IllegalStateException("caravan.cluster.kubernetes.renew-deadline (" + renewDeadline
                    + ") must be shorter than caravan.cluster.kubernetes.lease-duration (" + leaseDuration + ")");
        }
    }

    /** Whether the sources run on an elected leader only. */
    public boolean isClustered() {
        return !service.equals("none");
    }

    static ClusterSettings read(Settings settings) {
        String root = settings.optional("caravan.cluster.file.root");
        return new ClusterSettings(settings.string("caravan.cluster.service"), settings.string("caravan.cluster.name"),
                root == null ? null : Path.of(root), settings.duration("caravan.cluster.file.retry-interval"),
                settings.optional("caravan.cluster.kubernetes.namespace"),
                settings.optional("caravan.cluster.kubernetes.master-url"),
                settings.optional("caravan.cluster.kubernetes.pod-name"),
                labels(settings.list("caravan.cluster.kubernetes.pod-labels")),
                settings.duration("caravan.cluster.kubernetes.lease-duration"),
                settings.duration("caravan.cluster.kubernetes.renew-deadline"),
                settings.duration("caravan.cluster.kubernetes.retry-period"));
    }

    private static Map<String, String> labels(java.util.List<String> pairs) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (String pair : pairs) {
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                throw new IllegalStateException("caravan.cluster.kubernetes.pod-labels must be key=value pairs, "
                        + "comma-separated, was '" + pair + "'");
            }
            labels.put(pair.substring(0, equals).strip(), pair.substring(equals + 1).strip());
        }
        return labels;
    }
}
