package io.caravan.it;

import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.caravan.it.RunningCaravan.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web page with authentication on (docs/web-page.md#sign-in), in headless Chromium: the sign-in, refusals in
 * plain words, what a reader is offered, and a throttled caller told when to try again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebPageSignInIT {

    @TempDir
    static Path data;
    @TempDir
    static Path inbox;
    @TempDir
    static Path etc;

    private RunningCaravan caravan;
    private Browser browser;
    private String readerKey;
    private String editorKey;
    private String hastyKey;

    @RegisterExtension
    final ScreenshotOnFailure screenshots = new ScreenshotOnFailure(() -> browser);

    @BeforeAll
    void start() throws Exception {
        Path keyFile = etc.resolve("keys.json");
        readerKey = KeysCli.create(keyFile, "ana", "staff", "reader").key();
        editorKey = KeysCli.create(keyFile, "eda", "staff", "editor").key();
        hastyKey = KeysCli.create(keyFile, "hal", "staff", "reader").key();
        caravan = RunningCaravan.start(data, inbox, Map.of(
                "caravan.jms.enabled", "false",
                "caravan.auth.api-keys-file", keyFile.toString(),
                "caravan.auth.failure-limit", "1000",
                "caravan.ask.rate-limit-per-minute", "2",
                "caravan.sources.file.acl", "staff"));
        NotifyBuilder done = caravan.notifier().fromRoute("source-file").whenDone(1).create();
        Fixtures.volcanoText(inbox);
        await(done, 120);
        browser = Browser.open();
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (caravan != null) {
            caravan.close();
        }
    }

    @BeforeEach
    void openPage() {
        browser.go(caravan.url("/"));
        browser.script("sessionStorage.clear();");
        browser.go(caravan.url("/"));
        browser.await(10, ExpectedConditions.visibilityOfElementLocated(By.id("sign-in-key")));
    }

    @Test
    void should_ask_for_a_key_and_refuse_a_wrong_one_in_plain_words() {
        // then: only the sign-in, with the focus in it
        assertThat(browser.find("#view-ask").isDisplayed()).isFalse();
        assertThat(browser.focused().getAttribute("id")).isEqualTo("sign-in-key");

        // when
        signIn("cvk_not-a-key-of-this-caravan");

        // then
        WebElement error = browser.await(10, ExpectedConditions.visibilityOfElementLocated(By.id("sign-in-error")));
        assertThat(error.getText()).contains("was not accepted").contains("Sign in again");
        assertThat(browser.find("body").getText()).doesNotContain("{").doesNotContain("unauthorized");
        assertThat(browser.script("return sessionStorage.length;")).isEqualTo(0L);
    }

    @Test
    void should_sign_in_for_this_tab_only_and_offer_a_reader_no_upload_or_delete() {
        // when
        signIn(readerKey);

        // then
        browser.await(10, ExpectedConditions.textToBe(By.id("who-name"), "Signed in as ana (reader)"));
        assertThat(browser.script("return localStorage.length;")).isEqualTo(0L);
        assertThat(browser.script("return sessionStorage.length;")).isEqualTo(1L);
        browser.find("#tab-documents").click();
        browser.await(10, d -> !browser.all("#documents tbody tr").isEmpty());
        assertThat(browser.find("#upload").isDisplayed()).isFalse();
        assertThat(browser.all("#documents tbody button")).isEmpty();
        assertThat(browser.find("#auth-note").getText()).isEmpty();

        // when: signed out
        browser.find("#sign-out").click();

        // then
        browser.await(10, ExpectedConditions.visibilityOfElementLocated(By.id("sign-in-key")));
        assertThat(browser.script("return sessionStorage.length;")).isEqualTo(0L);
        assertThat(browser.find("#view-documents").isDisplayed()).isFalse();
    }

    @Test
    void should_offer_an_editor_upload_and_delete() {
        // when
        signIn(editorKey);
        browser.await(10, ExpectedConditions.textToBe(By.id("who-name"), "Signed in as eda (editor)"));
        browser.find("#tab-documents").click();

        // then
        browser.await(10, d -> !browser.all("#documents tbody button").isEmpty());
        assertThat(browser.find("#upload").isDisplayed()).isTrue();
        assertThat(browser.find("#upload-acl").isDisplayed()).isTrue();
    }

    @Test
    void should_ask_with_the_key_and_say_when_to_try_again_once_throttled() {
        // given: at most 2 questions a minute
        signIn(hastyKey);
        browser.await(10, ExpectedConditions.visibilityOfElementLocated(By.id("question")));

        // when
        for (int i = 0; i < 3; i++) {
            browser.find("#question").sendKeys("How long did Krakatoa ash lower global temperatures? " + i);
            browser.find("#ask-button").click();
            int asked = i + 1;
            browser.await(30, d -> browser.all(".turn .badges, .turn .answer .error").size() == asked);
        }

        // then: two answers with citations, then a sentence saying when to ask again
        List<WebElement> turns = browser.all(".turn");
        assertThat(turns.get(0).getText()).contains("five years");
        String refusal = turns.get(2).findElement(By.cssSelector(".answer .error")).getText();
        assertThat(refusal).matches("Too many requests in a short time\\. Try again in \\d+ seconds?\\.");
    }

    private void signIn(String key) {
        browser.find("#sign-in-key").sendKeys(key);
        browser.find("#sign-in-form button").click();
    }
}
