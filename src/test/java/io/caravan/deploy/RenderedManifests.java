package io.caravan.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one kustomization under {@code deploy/kubernetes} renders to, read strictly ({@link StrictKubernetesYaml}),
 * with the parts the tests look at: Caravan's Deployment, its container, its volumes and the configuration it reads.
 */
final class RenderedManifests {

    static final Path KUBERNETES = Path.of("deploy/kubernetes");
    /** The defaults packaged in the jar, which the ConfigMap's application.properties overrides. */
    static final Path PACKAGED_PROPERTIES = Path.of("application.properties");

    private static final Map<String, RenderedManifests> RENDERED = new ConcurrentHashMap<>();

    private final String directory;
    private final List<HasMetadata> objects;

    private RenderedManifests(String directory, List<HasMetadata> objects) {
        this.directory = directory;
        this.objects = objects;
    }

    /** {@code directory} (under deploy/kubernetes) rendered, once per test run. */
    static RenderedManifests of(String directory) {
        return RENDERED.computeIfAbsent(directory, d -> new RenderedManifests(d,
                StrictKubernetesYaml.parse(Kustomize.build(KUBERNETES.resolve(d)))));
    }

    List<HasMetadata> objects() {
        return objects;
    }

    /** The one object of {@code type}. */
    <T extends HasMetadata> T only(Class<T> type) {
        List<T> found = all(type);
        assertThat(found).as("%s in %s", type.getSimpleName(), directory).hasSize(1);
        return found.get(0);
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    Deployment deployment() {
        return only(Deployment.class);
    }

    PodSpec pod() {
        return deployment().getSpec().getTemplate().getSpec();
    }

    Container container() {
        return pod().getContainers().stream().filter(c -> c.getName().equals("caravan")).findFirst()
                .orElseThrow(() -> new AssertionError("no container caravan in " + directory));
    }

    Volume volume(String name) {
        return pod().getVolumes().stream().filter(v -> v.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no volume " + name + " in " + directory));
    }

    /** The volume mounted at {@code mountPath} in Caravan's container. */
    Volume volumeAt(String mountPath) {
        return container().getVolumeMounts().stream().filter(m -> m.getMountPath().equals(mountPath)).findFirst()
                .map(m -> volume(m.getName()))
                .orElseThrow(() -> new AssertionError("nothing mounted at " + mountPath + " in " + directory));
    }

    /** The application.properties of the ConfigMap mounted as Caravan's working directory. */
    Properties configMapProperties() {
        assertThat(container().getVolumeMounts()).as("the working directory is a mount")
                .anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo(container().getWorkingDir()));
        String configMap = volumeAt(container().getWorkingDir()).getConfigMap().getName();
        ConfigMap map = all(ConfigMap.class).stream().filter(c -> c.getMetadata().getName().equals(configMap))
                .findFirst().orElseThrow(() -> new AssertionError("no ConfigMap " + configMap + " in " + directory));
        assertThat(map.getData()).as("ConfigMap " + configMap).containsKey("application.properties");
        return properties(map.getData().get("application.properties"));
    }

    /** The value Caravan runs with: the ConfigMap's, else the packaged default. */
    String setting(String key) {
        String value = configMapProperties().getProperty(key, packagedProperties().getProperty(key));
        assertThat(value).as("a value for " + key).isNotNull();
        return value.strip();
    }

    static Properties packagedProperties() {
        try {
            return properties(Files.readString(PACKAGED_PROPERTIES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Properties properties(String text) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    @Override
    public String toString() {
        return directory;
    }
}
