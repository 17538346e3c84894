package io.caravan.answer;

import io.caravan.index.Hit;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.caravan.answer.AnswerHits.hit;
import static org.assertj.core.api.Assertions.assertThat;

class ScoreFloorTest {

    @Test
    void should_drop_passages_scoring_under_the_floor_and_keep_the_order() {
        List<Hit> hits = List.of(hit("a", "", "a", 0.9), hit("b", "", "b", 0.29), hit("c", "", "c", 0.3));
        assertThat(new ScoreFloor(0.3).apply(hits)).containsExactly(hits.get(0), hits.get(2));
        assertThat(new ScoreFloor(0.0).apply(hits)).containsExactlyElementsOf(hits);
        assertThat(new ScoreFloor(1.5).apply(hits)).isEmpty();
    }
}
