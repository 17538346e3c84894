package io.caravan.deploy;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Reads Kubernetes YAML into fabric8's typed model and refuses what the model does not know: a kind or apiVersion
 * it has no class for, and any field it has no property for. Fabric8's classes keep unknown fields in their
 * {@code additionalProperties} instead of failing, so every object of the parsed graph is walked for them; a value
 * of the wrong type already fails in Jackson. Thread safe.
 */
final class StrictKubernetesYaml {

    private static final String MODEL_PACKAGE = "io.fabric8.kubernetes.api.model";
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private StrictKubernetesYaml() {
    }

    /**
     * The objects of a YAML stream ({@code ---}-separated documents, as {@code kustomize build} prints them).
     *
     * @throws IllegalArgumentException naming every unknown kind and unknown field, with its path
     */
    static List<HasMetadata> parse(String yaml) {
        List<HasMetadata> objects = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Object document : new Load(LoadSettings.builder().build()).loadAllFromString(yaml)) {
            if (document == null) {
                continue;
            }
            Map<?, ?> raw = (Map<?, ?>) document;
            String name = raw.get("kind") + " " + nameOf(raw);
            Object parsed;
            try {
                parsed = SERIALIZATION.unmarshal(SERIALIZATION.asJson(raw));
            } catch (KubernetesClientException e) {
                // a value of the wrong type: Jackson's message names it and the field
                problems.add(name + ": " + (e.getCause() == null ? e.getMessage() : e.getCause().getMessage()));
                continue;
            }
            if (!(parsed instanceof HasMetadata object) || parsed instanceof GenericKubernetesResource) {
                problems.add(name + ": no typed model for apiVersion " + raw.get("apiVersion") + " kind "
                        + raw.get("kind"));
                continue;
            }
            collectUnknownFields(object, "", name, problems);
            objects.add(object);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("unknown to the Kubernetes model:\n  " + String.join("\n  ", problems));
        }
        return objects;
    }

    private static String nameOf(Map<?, ?> raw) {
        return raw.get("metadata") instanceof Map<?, ?> metadata ? String.valueOf(metadata.get("name")) : "?";
    }

    /** Walks {@code value} and what it holds, adding "{@code object}: path.field" for each unknown field. */
    private static void collectUnknownFields(Object value, String path, String object, List<String> problems) {
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                collectUnknownFields(item, path + "[" + i++ + "]", object, problems);
            }
        } else if (value instanceof Map<?, ?> entries) {
            entries.forEach((key, item) -> collectUnknownFields(item, path + "[" + key + "]", object, problems));
        } else if (value != null && value.getClass().getName().startsWith(MODEL_PACKAGE)) {
            for (Class<?> type = value.getClass(); type != Object.class; type = type.getSuperclass()) {
                for (Field field : type.getDeclaredFields()) {
                    if (Modifier.isStatic(field.getModifiers())) {
                        continue;
                    }
                    Object fieldValue = read(field, value);
                    if (field.getName().equals("additionalProperties")) {
                        ((Map<?, ?>) fieldValue).keySet().forEach(unknown -> problems.add(object + ": "
                                + join(path, String.valueOf(unknown))));
                    } else {
                        collectUnknownFields(fieldValue, join(path, propertyName(field)), object, problems);
                    }
                }
            }
        }
    }

    private static Object read(Field field, Object owner) {
        try {
            field.setAccessible(true);
            return field.get(owner);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read " + field, e);
        }
    }

    private static String propertyName(Field field) {
        JsonProperty property = field.getAnnotation(JsonProperty.class);
        return property != null && !property.value().isEmpty() ? property.value() : field.getName();
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}
