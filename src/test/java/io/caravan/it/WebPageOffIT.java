package io.caravan.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code caravan.http.web-page=false}: an API-only service serves no page, and its API is untouched. */
class WebPageOffIT {

    @TempDir
    Path data;
    @TempDir
    Path inbox;

    @Test
    void should_serve_no_page_but_the_api_when_the_page_is_off() throws Exception {
        try (RunningCaravan caravan = RunningCaravan.start(data, inbox, Map.of(
                "caravan.jms.enabled", "false",
                "caravan.http.web-page", "false"))) {
            // when
            int page = caravan.get("/").statusCode();
            int script = caravan.get("/ui/caravan.js").statusCode();
            int health = caravan.get("/api/health").statusCode();

            // then
            assertThat(page).isEqualTo(404);
            assertThat(script).isEqualTo(404);
            assertThat(health).isEqualTo(200);
        }
    }
}
