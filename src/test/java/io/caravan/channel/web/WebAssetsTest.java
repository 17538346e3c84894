package io.caravan.channel.web;

import io.caravan.channel.ApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class WebAssetsTest {

    private final WebAssets assets = new WebAssets();

    @Test
    void should_serve_the_page_as_html_and_its_modules_as_javascript() {
        // when
        WebAsset page = assets.get(WebAssets.PAGE);
        WebAsset script = assets.get("caravan.js");

        // then
        assertThat(page.mediaType()).isEqualTo("text/html; charset=utf-8");
        assertThat(new String(page.bytes(), StandardCharsets.UTF_8)).contains("<html lang=\"en\">");
        // a module served under another type is refused by the browser
        assertThat(script.mediaType()).startsWith("text/javascript");
    }

    @Test
    void should_serve_every_file_the_page_and_its_modules_refer_to() {
        // given: the ui/ files the page names, and the modules the scripts import
        List<String> referred = new ArrayList<>(names(text(WebAssets.PAGE), "\"ui/([\\w.-]+)\""));
        for (int i = 0; i < referred.size(); i++) {
            if (referred.get(i).endsWith(".js")) {
                names(text(referred.get(i)), "from '\\./([\\w.-]+)'").stream()
                        .filter(n -> !referred.contains(n)).forEach(referred::add);
            }
        }

        // then
        assertThat(referred).contains("caravan.js", "caravan.css", "api.js", "ask.js", "documents.js", "uploads.js");
        referred.forEach(name -> assertThat(assets.get(name).bytes()).as(name).isNotEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"../application.properties", "routes/channel-http.camel.yaml", "logback.xml",
            "index.html/..", "", "CARAVAN.JS"})
    void should_answer_404_for_any_other_name(String name) {
        // when
        ApiException e = catchThrowableOfType(ApiException.class, () -> assets.get(name));

        // then
        assertThat(e).isNotNull();
        assertThat(e.status()).isEqualTo(404);
    }

    private String text(String name) {
        return new String(assets.get(name).bytes(), StandardCharsets.UTF_8);
    }

    private static List<String> names(String text, String regex) {
        List<String> names = new ArrayList<>();
        Matcher m = Pattern.compile(regex).matcher(text);
        while (m.find()) {
            if (!names.contains(m.group(1))) {
                names.add(m.group(1));
            }
        }
        return names;
    }
}
