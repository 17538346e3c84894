package io.caravan.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressServiceBackend;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * {@code deploy/kubernetes} rendered as {@code kubectl apply -k} would ({@link Kustomize}), every object read into
 * fabric8's typed model with unknown fields refused ({@link StrictKubernetesYaml}), and the properties that matter
 * checked on what would really be applied (docs/operations.md#kubernetes).
 */
class KubernetesManifestsTest {

    private static final String SINGLE = "overlays/single";
    private static final String CLUSTER = "overlays/cluster";
    /** An environment variable that carries a credential: it must come from a Secret. */
    private static final Pattern CREDENTIAL_VARIABLE = Pattern.compile(".*(PASSWORD|SECRET|API_KEY|TOKEN).*");
    /** A key whose value is a credential: it must never be set in a ConfigMap. */
    private static final Pattern CREDENTIAL_KEY = Pattern.compile(".*(password|secret-key|api-key)$");
    private static final Path SECRETS_EXAMPLE = RenderedManifests.KUBERNETES.resolve("caravan-secrets.example.env");

    @ParameterizedTest
    @ValueSource(strings = {"base", SINGLE, CLUSTER, "optional/ingress"})
    void should_render_into_the_typed_kubernetes_model_without_an_unknown_field(String directory) {
        // when: rendered and read strictly (a typo fails here: StrictKubernetesYamlTest)
        RenderedManifests rendered = RenderedManifests.of(directory);

        // then
        assertThat(rendered.objects()).isNotEmpty()
                .allSatisfy(o -> assertThat(o.getMetadata().getName()).isNotBlank());
    }

    @ParameterizedTest
    @ValueSource(strings = {SINGLE, CLUSTER})
    void should_probe_liveness_on_live_and_readiness_on_ready_on_the_api_port(String overlay) {
        // given
        RenderedManifests rendered = RenderedManifests.of(overlay);
        Container caravan = rendered.container();

        // then: a down dependency makes the pod unready, never restarted (docs/http-api.md#health)
        assertThat(path(caravan.getStartupProbe())).isEqualTo("/api/health/live");
        assertThat(path(caravan.getLivenessProbe())).isEqualTo("/api/health/live");
        assertThat(path(caravan.getReadinessProbe())).isEqualTo("/api/health/ready");
        // readiness asks Elasticsearch (a 2 s cluster health) and the broker (a 2 s connect): give it both
        assertThat(caravan.getReadinessProbe().getTimeoutSeconds()).isGreaterThanOrEqualTo(5);
        for (Probe probe : List.of(caravan.getStartupProbe(), caravan.getLivenessProbe(),
                caravan.getReadinessProbe())) {
            assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("http");
        }
        assertThat(caravan.getPorts()).anySatisfy(port -> {
            assertThat(port.getName()).isEqualTo("http");
            assertThat(port.getContainerPort()).hasToString(rendered.setting("caravan.http.port"));
        });
        assertThat(rendered.setting("caravan.http.host")).isEqualTo("0.0.0.0");
        // the embedding model loads before the HTTP server answers: minutes, not the liveness probe's 30 s
        Probe startup = caravan.getStartupProbe();
        assertThat(startup.getPeriodSeconds() * startup.getFailureThreshold()).isGreaterThanOrEqualTo(120);
    }

    @ParameterizedTest
    @ValueSource(strings = {SINGLE, CLUSTER})
    void should_run_as_a_non_root_user_on_a_read_only_root_filesystem(String overlay) {
        // given
        RenderedManifests rendered = RenderedManifests.of(overlay);
        PodSecurityContext pod = rendered.pod().getSecurityContext();
        SecurityContext container = rendered.container().getSecurityContext();

        // then
        assertThat(pod.getRunAsNonRoot()).isTrue();
        assertThat(pod.getRunAsUser()).isPositive();
        assertThat(pod.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(container.getRunAsNonRoot()).isTrue();
        assertThat(container.getReadOnlyRootFilesystem()).isTrue();
        assertThat(container.getAllowPrivilegeEscalation()).isFalse();
        assertThat(container.getPrivileged()).isNotEqualTo(Boolean.TRUE);
        assertThat(container.getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(container.getCapabilities().getAdd()).isNullOrEmpty();
        // where Caravan writes: /tmp and its two directories, each a volume; nothing else is writable
        assertThat(rendered.volumeAt("/tmp").getEmptyDir()).isNotNull();
        for (String key : List.of("caravan.data-dir", "caravan.sources.file.path")) {
            String path = rendered.setting(key);
            assertThat(mount(rendered, path).getReadOnly()).as(key + " writable").isNotEqualTo(Boolean.TRUE);
        }
        for (VolumeMount mount : rendered.container().getVolumeMounts()) {
            Volume volume = rendered.volume(mount.getName());
            if (!Boolean.TRUE.equals(mount.getReadOnly())) {
                assertThat(volume.getEmptyDir() != null || volume.getPersistentVolumeClaim() != null)
                        .as("writable volume %s is an emptyDir or a claim", mount.getName()).isTrue();
            }
        }
        // an overlay that swaps a volume's source must drop the base's (emptyDir: null)
        ObjectMapper json = new ObjectMapper();
        assertThat(rendered.pod().getVolumes()).allSatisfy(volume ->
                assertThat(json.convertValue(volume, Map.class)).as("volume %s", volume.getName()).hasSize(2));
        assertThat(rendered.container().getResources().getRequests()).containsKeys("cpu", "memory");
        assertThat(rendered.container().getResources().getLimits()).containsKeys("cpu", "memory");
    }

    @ParameterizedTest
    @ValueSource(strings = {SINGLE, CLUSTER})
    void should_take_every_credential_from_a_secret(String overlay) throws IOException {
        // given
        RenderedManifests rendered = RenderedManifests.of(overlay);
        List<EnvVar> env = rendered.container().getEnv();

        // then: each credential variable is a secretKeyRef, never a value
        assertThat(env).extracting(EnvVar::getName).doesNotHaveDuplicates();
        List<EnvVar> credentials = env.stream().filter(v -> CREDENTIAL_VARIABLE.matcher(v.getName()).matches())
                .toList();
        assertThat(credentials).isNotEmpty().allSatisfy(variable -> {
            assertThat(variable.getValue()).as(variable.getName()).isNull();
            assertThat(variable.getValueFrom().getSecretKeyRef()).as(variable.getName()).isNotNull();
        });
        // the example Secret names exactly the keys the pods read
        Set<String> secretKeys = new TreeSet<>();
        env.stream().filter(v -> v.getValueFrom() != null && v.getValueFrom().getSecretKeyRef() != null)
                .forEach(v -> secretKeys.add(v.getValueFrom().getSecretKeyRef().getKey()));
        assertThat(secretKeys).isEqualTo(exampleSecretKeys());
        // the API key file is a Secret too, mounted read-only
        String keysFile = rendered.setting("caravan.auth.api-keys-file");
        VolumeMount keys = mount(rendered, keysFile);
        assertThat(keys.getReadOnly()).isTrue();
        assertThat(rendered.volume(keys.getName()).getSecret().getSecretName()).isEqualTo("caravan-api-keys");
        // and no credential is in the ConfigMap
        Properties configMap = rendered.configMapProperties();
        assertThat(configMap.stringPropertyNames()).filteredOn(k -> CREDENTIAL_KEY.matcher(k).matches())
                .allSatisfy(k -> assertThat(configMap.getProperty(k)).as(k).isBlank());
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", SINGLE, CLUSTER})
    void should_set_only_keys_that_application_properties_has(String directory) {
        // given
        Properties packaged = RenderedManifests.packagedProperties();
        RenderedManifests rendered = RenderedManifests.of(directory);

        // then: every caravan.* key of every ConfigMap, and every CARAVAN_* variable, is one Caravan reads
        Set<String> keys = new TreeSet<>();
        for (ConfigMap map : rendered.all(ConfigMap.class)) {
            map.getData().entrySet().stream().filter(e -> e.getKey().endsWith(".properties"))
                    .forEach(e -> keys.addAll(RenderedManifests.properties(e.getValue()).stringPropertyNames()));
        }
        assertThat(keys).isNotEmpty();
        assertThat(keys.stream().filter(k -> k.startsWith("caravan.")))
                .allSatisfy(k -> assertThat(packaged.stringPropertyNames()).as("application.properties has " + k)
                        .contains(k));
        List<String> variables = packaged.stringPropertyNames().stream().map(KubernetesManifestsTest::variableOf)
                .toList();
        assertThat(rendered.container().getEnv()).extracting(EnvVar::getName)
                .filteredOn(name -> name.startsWith("CARAVAN_"))
                .allSatisfy(name -> assertThat(variables).as("a key for " + name).contains(name));
    }

    @Test
    void should_run_one_lucene_instance_on_persistent_volume_claims() {
        // given
        RenderedManifests single = RenderedManifests.of(SINGLE);
        Deployment deployment = single.deployment();

        // then
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(1);
        // Lucene's lock and a ReadWriteOnce claim: the old pod must be gone before the new one starts
        assertThat(deployment.getSpec().getStrategy().getType()).isEqualTo("Recreate");
        assertThat(single.setting("caravan.store")).isEqualTo("lucene");
        assertThat(single.setting("caravan.cluster.service")).isEqualTo("none");
        Set<String> claims = new TreeSet<>();
        single.all(PersistentVolumeClaim.class).forEach(c -> claims.add(c.getMetadata().getName()));
        for (String key : List.of("caravan.data-dir", "caravan.sources.file.path")) {
            Volume volume = single.volumeAt(single.setting(key));
            assertThat(volume.getPersistentVolumeClaim()).as(key).isNotNull();
            assertThat(claims).as(key).contains(volume.getPersistentVolumeClaim().getClaimName());
        }
    }

    @Test
    void should_run_three_instances_on_elasticsearch_and_an_external_broker() {
        // given
        RenderedManifests cluster = RenderedManifests.of(CLUSTER);

        // then
        assertThat(cluster.deployment().getSpec().getReplicas()).isEqualTo(3);
        assertThat(cluster.setting("caravan.store")).isEqualTo("elasticsearch");
        assertThat(cluster.setting("caravan.jms.embedded")).isEqualTo("false");
        assertThat(cluster.setting("caravan.jms.broker-url")).isNotBlank().doesNotContain("127.0.0.1");
        // one data directory per pod, one share for all (docs/operations.md#scale-out)
        assertThat(cluster.volumeAt(cluster.setting("caravan.data-dir")).getEmptyDir()).isNotNull();
        String share = cluster.volumeAt(cluster.setting("caravan.sources.file.path")).getPersistentVolumeClaim()
                .getClaimName();
        assertThat(cluster.all(PersistentVolumeClaim.class)).anySatisfy(claim -> {
            assertThat(claim.getMetadata().getName()).isEqualTo(share);
            assertThat(claim.getSpec().getAccessModes()).containsExactly("ReadWriteMany");
        });
        // the passwords the cluster needs are required: no pod starts without them
        assertThat(cluster.container().getEnv()).filteredOn(v -> v.getName().equals("CARAVAN_ELASTICSEARCH_PASSWORD")
                        || v.getName().equals("CARAVAN_JMS_PASSWORD")).hasSize(2)
                .allSatisfy(v -> assertThat(v.getValueFrom().getSecretKeyRef().getOptional()).isFalse());
    }

    @Test
    void should_elect_the_sources_leader_by_a_lease_the_pods_may_take() {
        // given
        RenderedManifests cluster = RenderedManifests.of(CLUSTER);
        Map<String, String> podLabels = cluster.deployment().getSpec().getTemplate().getMetadata().getLabels();

        // then: the candidates are this Deployment's pods
        assertThat(cluster.setting("caravan.cluster.service")).isEqualTo("kubernetes");
        Map<String, String> candidates = labels(cluster.setting("caravan.cluster.kubernetes.pod-labels"));
        assertThat(candidates).isNotEmpty();
        assertThat(podLabels).containsAllEntriesOf(candidates);
        // with a token, and a Role allowing exactly what camel-kubernetes' Lease election does
        assertThat(cluster.pod().getAutomountServiceAccountToken()).isTrue();
        Role role = cluster.only(Role.class);
        assertThat(role.getRules()).anySatisfy(rule -> {
            assertThat(rule.getApiGroups()).containsExactly("coordination.k8s.io");
            assertThat(rule.getResources()).containsExactly("leases");
            assertThat(rule.getVerbs()).containsExactlyInAnyOrder("get", "create", "update");
        }).anySatisfy(rule -> {
            assertThat(rule.getApiGroups()).containsExactly("");
            assertThat(rule.getResources()).containsExactly("pods");
            assertThat(rule.getVerbs()).containsExactly("list");
        });
        assertThat(role.getRules()).flatExtracting(PolicyRule::getVerbs).doesNotContain("*", "delete", "patch");
        RoleBinding binding = cluster.only(RoleBinding.class);
        assertThat(binding.getRoleRef().getName()).isEqualTo(role.getMetadata().getName());
        assertThat(binding.getSubjects()).singleElement().satisfies(subject -> {
            assertThat(subject.getKind()).isEqualTo("ServiceAccount");
            assertThat(subject.getName()).isEqualTo(cluster.pod().getServiceAccountName());
        });
    }

    @Test
    void should_keep_two_of_three_pods_through_a_voluntary_disruption() {
        // given
        RenderedManifests cluster = RenderedManifests.of(CLUSTER);
        PodDisruptionBudget budget = cluster.only(PodDisruptionBudget.class);

        // then
        assertThat(budget.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
        assertThat(cluster.deployment().getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(budget.getSpec().getSelector().getMatchLabels());
    }

    @Test
    void should_mount_no_service_account_token_where_no_election_runs() {
        // given: only the election needs the API server
        RenderedManifests single = RenderedManifests.of(SINGLE);

        // then
        assertThat(single.pod().getAutomountServiceAccountToken()).isFalse();
        assertThat(single.all(Role.class)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {SINGLE, CLUSTER})
    @SuppressWarnings("unchecked")
    void should_run_the_image_docker_compose_builds_behind_a_service_on_its_http_port(String overlay)
            throws IOException {
        // given
        RenderedManifests rendered = RenderedManifests.of(overlay);
        Map<String, Object> compose = (Map<String, Object>) new Load(LoadSettings.builder().build())
                .loadFromString(Files.readString(Path.of("docker-compose.yml")));

        // then
        assertThat(rendered.container().getImage())
                .isEqualTo(((Map<String, Object>) compose.get("x-caravan")).get("image"));
        Service service = rendered.only(Service.class);
        assertThat(rendered.deployment().getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(service.getSpec().getSelector());
        assertThat(service.getSpec().getPorts()).singleElement()
                .satisfies(port -> assertThat(port.getTargetPort().getStrVal()).isEqualTo("http"));
    }

    @Test
    void should_route_the_optional_ingress_to_the_service() {
        // given
        Service service = RenderedManifests.of(SINGLE).only(Service.class);
        Ingress ingress = RenderedManifests.of("optional/ingress").only(Ingress.class);

        // then
        List<IngressServiceBackend> backends = ingress.getSpec().getRules().stream()
                .flatMap(rule -> rule.getHttp().getPaths().stream()).map(p -> p.getBackend().getService()).toList();
        assertThat(backends).isNotEmpty().allSatisfy(backend -> {
            assertThat(backend.getName()).isEqualTo(service.getMetadata().getName());
            assertThat(service.getSpec().getPorts()).extracting(ServicePort::getName)
                    .contains(backend.getPort().getName());
        });
    }

    private static String path(Probe probe) {
        assertThat(probe).isNotNull();
        return probe.getHttpGet().getPath();
    }

    private static VolumeMount mount(RenderedManifests rendered, String path) {
        return rendered.container().getVolumeMounts().stream()
                .filter(m -> path.equals(m.getMountPath()) || path.startsWith(m.getMountPath() + "/")).findFirst()
                .orElseThrow(() -> new AssertionError("no volume holds " + path + " in " + rendered));
    }

    /** Every key of the example Secret file, commented out or not. */
    private static Set<String> exampleSecretKeys() throws IOException {
        Set<String> keys = new TreeSet<>();
        for (String line : Files.readAllLines(SECRETS_EXAMPLE)) {
            String entry = line.replaceFirst("^#\\s*", "");
            if (entry.matches("[A-Z][A-Z0-9_]*=.*")) {
                keys.add(entry.substring(0, entry.indexOf('=')));
            }
        }
        return keys;
    }

    private static Map<String, String> labels(String pairs) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (String pair : pairs.split(",")) {
            String[] keyValue = pair.split("=", 2);
            labels.put(keyValue[0].strip(), keyValue[1].strip());
        }
        return labels;
    }

    /** caravan.a-b.c → CARAVAN_A_B_C (docs/configuration.md#where-values-come-from). */
    private static String variableOf(String key) {
        return key.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
