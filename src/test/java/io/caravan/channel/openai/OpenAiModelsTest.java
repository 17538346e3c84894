package io.caravan.channel.openai;

import io.caravan.answer.AnswerPreference;
import io.caravan.channel.ApiException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class OpenAiModelsTest {

    @Test
    void should_list_caravan_and_caravan_extractive_and_caravan_llm_only_with_a_language_model() {
        // when
        ModelList without = new OpenAiModels(false, 1700000000L).list();
        ModelList with = new OpenAiModels(true, 1700000000L).list();

        // then
        assertThat(without.object()).isEqualTo("list");
        assertThat(without.data()).extracting(ModelList.Model::id).containsExactly("caravan", "caravan-extractive");
        assertThat(with.data()).extracting(ModelList.Model::id)
                .containsExactly("caravan", "caravan-extractive", "caravan-llm");
        assertThat(with.data().get(0)).isEqualTo(new ModelList.Model("caravan", "model", 1700000000L, "caravan"));
    }

    @Test
    void should_map_each_model_to_who_may_write_the_answer() {
        // given
        OpenAiModels models = new OpenAiModels(true, 0);

        // then
        assertThat(models.preferenceFor("caravan")).isEqualTo(AnswerPreference.CONFIGURED);
        assertThat(models.preferenceFor(null)).isEqualTo(AnswerPreference.CONFIGURED);
        assertThat(models.preferenceFor("caravan-llm")).isEqualTo(AnswerPreference.CONFIGURED);
        assertThat(models.preferenceFor("caravan-extractive")).isEqualTo(AnswerPreference.EXTRACTIVE);
    }

    @Test
    void should_refuse_an_unknown_model_with_404_model_not_found_naming_the_known_ones() {
        // when
        ApiException e = catchThrowableOfType(ApiException.class,
                () -> new OpenAiModels(false, 0).preferenceFor("gpt-4o"));

        // then
        assertThat(e.status()).isEqualTo(404);
        assertThat(e.code()).isEqualTo("model_not_found");
        assertThat(e.getMessage()).contains("gpt-4o").contains("caravan, caravan-extractive");
    }
}
