package io.caravan.channel.openai;

import io.caravan.answer.AnswerPreference;
import io.caravan.channel.ApiException;

import java.util.ArrayList;
import java.util.List;

/**
 * The models {@code GET /v1/models} lists (docs/openai-compatible.md#models): Caravan's answer modes, not language
 * models. {@code caravan} answers the configured way, {@code caravan-extractive} always extractively, and
 * {@code caravan-llm}, listed only when a language model is configured, with it. Thread safe.
 */
public class OpenAiModels {

    /** The configured way: the LLM when {@code caravan.llm.provider} names one, else extractive. */
    public static final String DEFAULT = "caravan";
    /** Always extractive: no language model reads the question. */
    public static final String EXTRACTIVE = "caravan-extractive";
    /** The language model; listed and accepted only when one is configured. */
    public static final String LLM = "caravan-llm";

    /** Who "owns" the models in the list, as OpenAI names an organisation there. */
    static final String OWNER = "caravan";

    private final boolean llmConfigured;
    private final long created;

    /**
     * @param llmConfigured whether {@code caravan.llm.provider} names a language model
     * @param created       the models' creation time in the list, epoch seconds (Caravan's start)
     */
    public OpenAiModels(boolean llmConfigured, long created) {
        this.llmConfigured = llmConfigured;
        this.created = created;
    }

    /** The model list: {@code {"object":"list","data":[{"id","object":"model","created","owned_by"}]}}. */
    public ModelList list() {
        List<ModelList.Model> models = new ArrayList<>();
        for (String id : ids()) {
            models.add(new ModelList.Model(id, "model", created, OWNER));
        }
        return new ModelList("list", models);
    }

    /**
     * Who may write the answer to a request naming {@code model}; no model named is {@code caravan}.
     *
     * @throws ApiException 404 {@code model_not_found} for a model this list does not have
     */
    public AnswerPreference preferenceFor(String model) {
        String id = model == null || model.isBlank() ? DEFAULT : model;
        if (id.equals(DEFAULT) || (id.equals(LLM) && llmConfigured)) {
            return AnswerPreference.CONFIGURED;
        }
        if (id.equals(EXTRACTIVE)) {
            return AnswerPreference.EXTRACTIVE;
        }
        throw new ApiException(404, "model_not_found", "The model '" + id + "' does not exist; GET /v1/models lists "
                + String.join(", ", ids()));
    }

    private List<String> ids() {
        return llmConfigured ? List.of(DEFAULT, EXTRACTIVE, LLM) : List.of(DEFAULT, EXTRACTIVE);
    }
}
