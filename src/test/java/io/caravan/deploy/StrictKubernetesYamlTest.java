package io.caravan.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A typo anywhere in a manifest fails {@link StrictKubernetesYaml}, so it fails {@link KubernetesManifestsTest}. */
class StrictKubernetesYamlTest {

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: caravan
            spec:
              replicas: 3
              selector:
                matchLabels: {app: caravan}
              template:
                metadata:
                  labels: {app: caravan}
                spec:
                  containers:
                    - name: caravan
                      image: caravan:latest
                      securityContext:
                        readOnlyRootFilesystem: true
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: caravan
            spec:
              ports:
                - port: 8080
            """;

    @Test
    void should_read_every_document_into_its_typed_class() {
        // when
        List<HasMetadata> objects = StrictKubernetesYaml.parse(DEPLOYMENT);

        // then
        assertThat(objects).extracting(HasMetadata::getKind).containsExactly("Deployment", "Service");
        assertThat(((Deployment) objects.get(0)).getSpec().getReplicas()).isEqualTo(3);
    }

    @Test
    void should_refuse_a_misspelt_field_at_the_top_of_a_spec() {
        // given
        String typo = DEPLOYMENT.replace("  replicas: 3", "  replicass: 3");

        // when / then
        assertThatThrownBy(() -> StrictKubernetesYaml.parse(typo))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Deployment caravan: spec.replicass");
    }

    @Test
    void should_refuse_a_misspelt_field_deep_in_a_list() {
        // given
        String typo = DEPLOYMENT.replace("readOnlyRootFilesystem", "readOnlyRootFileSystem");

        // when / then
        assertThatThrownBy(() -> StrictKubernetesYaml.parse(typo))
                .hasMessageContaining("Deployment caravan: "
                        + "spec.template.spec.containers[0].securityContext.readOnlyRootFileSystem");
    }

    @Test
    void should_refuse_a_kind_or_api_version_the_model_does_not_have() {
        // given
        String unknownKind = DEPLOYMENT.replace("kind: Service", "kind: Servise");
        String unknownVersion = DEPLOYMENT.replace("apps/v1", "apps/v2");

        // when / then
        assertThatThrownBy(() -> StrictKubernetesYaml.parse(unknownKind))
                .hasMessageContaining("Servise caravan: no typed model for apiVersion v1 kind Servise");
        assertThatThrownBy(() -> StrictKubernetesYaml.parse(unknownVersion))
                .hasMessageContaining("no typed model for apiVersion apps/v2 kind Deployment");
    }

    @Test
    void should_refuse_a_value_of_the_wrong_type() {
        // given
        String wrongType = DEPLOYMENT.replace("replicas: 3", "replicas: three");

        // when / then
        assertThatThrownBy(() -> StrictKubernetesYaml.parse(wrongType))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Deployment caravan: ")
                .hasMessageContaining("\"three\"");
    }
}
