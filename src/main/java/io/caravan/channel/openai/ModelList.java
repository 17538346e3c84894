package io.caravan.channel.openai;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * The body of {@code GET /v1/models}, as OpenAI writes it.
 *
 * @param object always {@code list}
 * @param data   the models
 */
public record ModelList(String object, List<Model> data) {

    public ModelList {
        data = List.copyOf(data);
    }

    /**
     * One model.
     *
     * @param id      its name, as requests give it in {@code model}
     * @param object  always {@code model}
     * @param created epoch seconds
     * @param ownedBy always {@code caravan}
     */
    public record Model(String id, String object, long created, @JsonProperty("owned_by") String ownedBy) {
    }
}
