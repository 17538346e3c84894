package io.caravan.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.caravan.llm.LlmStub;
import io.caravan.llm.LlmStub.Reply;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.caravan.it.RunningCaravan.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web page in a real browser (docs/web-page.md): Debian's headless Chromium, driven by Selenium WebDriver,
 * against a running Caravan without authentication whose LLM is the OpenAI-compatible stub, so answers stream.
 * Each test loads the page afresh; a failing one leaves a screenshot in target/screenshots.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebPageIT {

    private static final String VOLCANO_SENTENCE = "Volcanic ash from Krakatoa lowered global temperatures for five"
            + " years.";

    @TempDir
    static Path data;
    @TempDir
    static Path inbox;
    @TempDir
    static Path desk;

    private LlmStub llm;
    private RunningCaravan caravan;
    private Browser browser;

    @RegisterExtension
    final ScreenshotOnFailure screenshots = new ScreenshotOnFailure(() -> browser);

    @BeforeAll
    void start() throws Exception {
        llm = LlmStub.start();
        caravan = RunningCaravan.start(data, inbox, Map.of(
                "caravan.jms.enabled", "false",
                "caravan.llm.provider", "openai",
                "caravan.llm.base-url", llm.openAiBaseUrl(),
                "caravan.llm.model", "stub-model",
                "caravan.llm.timeout", "5s"));
        NotifyBuilder done = caravan.notifier().fromRoute("source-file").whenDone(4).create();
        Fixtures.volcanoText(inbox);
        Fixtures.coffeeMarkdown(inbox);
        Fixtures.text(inbox.resolve("tea.txt"), "Tea\n\nGreen tea is steeped at eighty degrees for two minutes.\n");
        Fixtures.bytes(inbox.resolve("broken.pdf"), "%PDF-1.7\nthis is not really a PDF\n%%EOF".getBytes());
        await(done, 120);
        browser = Browser.open();
        System.out.println("web page tests run on " + browser.version());
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (caravan != null) {
            caravan.close();
        }
        if (llm != null) {
            llm.close();
        }
    }

    @BeforeEach
    void openPage() {
        llm.replying(request -> krakatoaReply(request, Duration.ZERO));
        browser.size(Browser.DESKTOP);
        browser.go(caravan.url("/"));
        browser.await(10, ExpectedConditions.visibilityOfElementLocated(By.id("question")));
    }

    @Test
    void should_stream_the_answer_and_show_it_as_written_by_the_language_model() {
        // given: a model that writes a piece every 40 ms, and every text the answer shows on its way recorded
        llm.replying(request -> krakatoaReply(request, Duration.ofMillis(40)));
        browser.script("window.seen = [];"
                + "new MutationObserver(records => records.forEach(r => {"
                + "  if (r.target.classList && r.target.classList.contains('answer')) {"
                + "    r.addedNodes.forEach(n => { if (n.nodeType === 3) { window.seen.push(n.data); } });"
                + "  }"
                + "})).observe(document.getElementById('conversation'),"
                + " {subtree: true, childList: true, characterData: true});");

        // when: a question no other test asks, so the answer is not cached (a cached one comes whole)
        ask("For how many years did the Krakatoa ash cool the globe?");

        // then: the answer grew piece by piece, and ends as the checked answer with its marker a link
        WebElement answer = lastAnswer();
        assertThat(answer.getText()).matches("Volcanic ash lowered global temperatures for five years \\[1]\\.");
        @SuppressWarnings("unchecked")
        List<String> seen = (List<String>) browser.script("return window.seen;");
        assertThat(seen.stream().distinct().filter(t -> !t.isEmpty()).count()).isGreaterThan(3);
        assertThat(seen).anyMatch(t -> t.startsWith("Volcanic ash") && t.length() < 30);
        assertThat(answer.findElement(By.cssSelector("a.cite")).getText()).isEqualTo("[1]");
        assertThat(lastTurn().findElement(By.cssSelector(".badges")).getText())
                .contains("Written by the language model");
    }

    @Test
    void should_show_the_cited_passage_with_its_sentence_highlighted_and_open_the_source() {
        // given
        ask("How long did Krakatoa ash lower global temperatures?");

        // when
        lastAnswer().findElement(By.cssSelector("a.cite")).click();

        // then: the passage, its document and the sentence the answer used, marked
        WebElement passage = browser.await(10, ExpectedConditions.visibilityOfElementLocated(By.id("passage")));
        assertThat(browser.find("#passage-title").getText()).startsWith("Source [1]:");
        assertThat(browser.find("#passage-meta").getText()).contains("volcano.txt");
        assertThat(browser.find("#passage-text").getText()).contains("heard 4800 kilometres away");
        assertThat(passage.findElement(By.tagName("mark")).getText()).isEqualTo(VOLCANO_SENTENCE);
        assertThat(browser.focused().getAttribute("id")).isEqualTo("passage-title");
        browser.screenshotForReadme("web-page-ask");

        // when: the source is opened
        String page = browser.driver().getWindowHandle();
        browser.find("#open-source").click();

        // then: the document itself, in a new tab
        browser.await(10, ExpectedConditions.numberOfWindowsToBe(2));
        String source = browser.driver().getWindowHandles().stream().filter(h -> !h.equals(page)).findFirst()
                .orElseThrow();
        browser.driver().switchTo().window(source);
        try {
            browser.await(10, d -> d.findElement(By.tagName("body")).getText().contains("Krakatoa eruption of 1883"));
        } finally {
            browser.driver().close();
            browser.driver().switchTo().window(page);
        }
    }

    @Test
    void should_continue_the_conversation_until_a_new_one_is_started() {
        // given
        browser.script("window.sentSessions = []; const fetched = window.fetch;"
                + "window.fetch = (url, options) => { if (String(url).endsWith('api/ask')) {"
                + " window.sentSessions.push(JSON.parse(options.body).sessionId); } return fetched(url, options); };");
        int requests = llm.requests().size();

        // when
        ask("How long did Krakatoa ash lower global temperatures?");
        ask("And how far away was it heard?");

        // then: both turns on the page, the follow-up sent with the first question's session
        assertThat(browser.all(".turn")).hasSize(2);
        List<String> sessions = sessionIds();
        assertThat(sessions).hasSize(2);
        assertThat(sessions.get(1)).isEqualTo(sessions.get(0)).startsWith("web-");
        // and: the model saw the first question as the conversation so far
        assertThat(llm.requests().get(requests + 1).toString()).contains("How long did Krakatoa ash lower");

        // when: a new conversation
        browser.find("#new-conversation").click();
        ask("How long did Krakatoa ash lower global temperatures?");

        // then
        assertThat(browser.all(".turn")).hasSize(1);
        assertThat(sessionIds()).hasSize(3);
        assertThat(sessionIds().get(2)).isNotEqualTo(sessions.get(0));
    }

    @Test
    void should_show_degraded_and_cached_answers_for_what_they_are() {
        // when: the model fails
        llm.replying(request -> Reply.failure());
        ask("Is green tea steeped at eighty degrees?");

        // then
        assertThat(lastTurn().findElement(By.cssSelector(".badges")).getText())
                .contains("language model could not answer").contains("quoted from the documents");

        // when: the model answers, and the same question opens two conversations (a follow-up is never cached,
        // docs/architecture.md#answer-cache)
        llm.replying(request -> Reply.answer("Espresso is brewed at nine bars [1]."));
        browser.find("#new-conversation").click();
        ask("At what pressure is espresso brewed?");
        browser.find("#new-conversation").click();
        ask("At what pressure is espresso brewed?");

        // then
        assertThat(lastTurn().findElement(By.cssSelector(".badges")).getText()).contains("From the cache");
    }

    @Test
    void should_upload_two_files_and_show_them_indexed() throws Exception {
        // given
        Path first = Fixtures.text(desk.resolve("glaciers.txt"), "Glaciers\n\nGlaciers move a metre a day.\n");
        Path second = Fixtures.text(desk.resolve("rivers (draft).md"), "# Rivers\n\nThe Nile is long.\n");
        showDocuments();

        // when: both chosen at once in the file picker
        browser.find("#file-input").sendKeys(first + "\n" + second);

        // then: each goes from uploaded to indexed, and is listed
        browser.await(60, d -> browser.all("#uploads li").size() == 2 && browser.all("#uploads li").stream()
                .allMatch(li -> li.getText().contains("Indexed (1 passage)")));
        assertThat(browser.all("#uploads li")).extracting(WebElement::getText)
                .anySatisfy(t -> assertThat(t).startsWith("glaciers.txt"))
                .anySatisfy(t -> assertThat(t).startsWith("rivers (draft).md"));
        browser.await(20, d -> rowText("uploads/glaciers.txt").contains("Indexed"));
        assertThat(Files.exists(inbox.resolve("uploads/rivers (draft).md"))).isTrue();
    }

    @Test
    void should_show_why_a_document_failed() {
        // given
        showDocuments();

        // when
        browser.find("#count-failed").click();

        // then: only the failed one, with its step and reason in words
        browser.await(10, d -> browser.find("#count-failed").getAttribute("aria-pressed").equals("true")
                && browser.all("#documents tbody tr").size() == 1);
        assertThat(rowText("broken.pdf")).contains("Failed");
        assertThat(browser.find(row("broken.pdf") + " .reason").getText()).matches("At \\w+: .{10,}");
        assertThat(browser.find("#counts").getText()).contains("Failed: 1");
        browser.find("#count-all").click();
        browser.await(10, d -> browser.all("#documents tbody tr").size() > 1);
        browser.screenshotForReadme("web-page-documents");
    }

    @Test
    void should_find_documents_by_name_and_page_through_them() {
        // given
        showDocuments();

        // when
        browser.find("#doc-q").sendKeys("TEA");

        // then
        browser.await(10, d -> browser.all("#documents tbody tr").size() == 1);
        assertThat(rowText("tea.txt")).contains("Indexed");
        assertThat(browser.find("#page-info").getText()).isEqualTo("Page 1 of 1");
        assertThat(browser.find("#next-page").isEnabled()).isFalse();
    }

    @Test
    void should_delete_a_document_once_confirmed() {
        // given
        showDocuments();
        browser.await(10, d -> rowText("coffee.md").contains("Indexed"));

        // when
        browser.await(10, d -> {
            browser.find(row("coffee.md") + " button").click();
            return true;
        });
        browser.await(5, ExpectedConditions.alertIsPresent()).accept();

        // then
        browser.await(20, d -> rowText("coffee.md").contains("Deleted"));
        assertThat(caravan.get("/api/documents/coffee.md").body()).contains("\"status\":\"deleted\"");
    }

    @Test
    void should_ask_and_read_a_source_with_the_keyboard_alone() {
        // when: Tab from the top of the page until the question box
        List<String> order = new ArrayList<>();
        for (int i = 0; i < 15 && !"question".equals(browser.focused().getAttribute("id")); i++) {
            browser.focused().sendKeys(Keys.TAB);
            order.add(describe(browser.focused()));
        }

        // then: the skip link, the sections, then the question
        assertThat(order.get(0)).isEqualTo("a:Skip to content");
        assertThat(order).containsSubsequence("button:Ask", "textarea:question");

        // when: asked with Enter, the last source reached with Shift+Tab and opened with Enter
        browser.focused().sendKeys("How long did Krakatoa ash lower global temperatures?", Keys.ENTER);
        browser.await(30, ExpectedConditions.presenceOfElementLocated(By.cssSelector(".turn .sources a.cite")));
        browser.focused().sendKeys(Keys.chord(Keys.SHIFT, Keys.TAB));
        WebElement source = browser.focused();
        assertThat(source.getAttribute("class")).contains("cite");
        source.sendKeys(Keys.ENTER);

        // then: the passage has the focus; Escape closes it and gives the focus back
        browser.await(10, d -> "passage-title".equals(browser.focused().getAttribute("id")));
        browser.focused().sendKeys(Keys.ESCAPE);
        browser.await(10, ExpectedConditions.invisibilityOfElementLocated(By.id("passage")));
        assertThat(browser.focused()).isEqualTo(source);
    }

    @Test
    void should_fit_a_phone_sized_window() {
        // given
        browser.size(Browser.PHONE);
        browser.go(caravan.url("/"));
        browser.await(10, ExpectedConditions.visibilityOfElementLocated(By.id("question")));

        // when
        ask("How long did Krakatoa ash lower global temperatures?");

        // then: nothing wider than the screen, and the documents as cards rather than a table
        assertThat(noHorizontalScroll()).isTrue();
        browser.screenshotForReadme("web-page-phone");
        showDocuments();
        browser.await(10, d -> !rowText("volcano.txt").isEmpty());
        assertThat(browser.find(row("volcano.txt")).getCssValue("display")).isEqualTo("block");
        assertThat(noHorizontalScroll()).isTrue();
    }

    @Test
    void should_label_every_control_and_keep_text_contrast_at_least_4_5() {
        // given: both sections rendered once
        ask("How long did Krakatoa ash lower global temperatures?");
        lastAnswer().findElement(By.cssSelector("a.cite")).click();
        String askProblems = (String) browser.script(AccessibilityChecks.SCRIPT);
        showDocuments();
        browser.await(10, d -> !rowText("broken.pdf").isEmpty());

        // when
        String documentsProblems = (String) browser.script(AccessibilityChecks.SCRIPT);

        // then
        assertThat(askProblems).isEmpty();
        assertThat(documentsProblems).isEmpty();
        assertThat(browser.find("html").getAttribute("lang")).isEqualTo("en");
        assertThat(browser.find("#auth-note").getText()).contains("Authentication is off");
    }

    // ---------------------------------------------------------------- helpers

    /**
     * The model's answer citing the Krakatoa passage, written a piece every {@code pause}; a prompt without passages
     * (condensing a follow-up into a standalone question) gets the question back.
     */
    private static Reply krakatoaReply(JsonNode request, Duration pause) {
        String user = LlmStub.userMessage(request);
        if (!user.contains("<passage")) {
            return Reply.answer("How far away was the Krakatoa eruption heard?");
        }
        return Reply.answerSlowly("Volcanic ash lowered global temperatures for five years ["
                + LlmAnswersIT.passageNumber(user, "Krakatoa") + "].", pause);
    }

    private void ask(String question) {
        int before = browser.all(".turn .badges, .turn .answer .error").size();
        WebElement box = browser.find("#question");
        box.sendKeys(question);
        browser.find("#ask-button").click();
        browser.await(30, d -> browser.all(".turn .badges, .turn .answer .error").size() > before);
    }

    private WebElement lastTurn() {
        List<WebElement> turns = browser.all(".turn");
        return turns.get(turns.size() - 1);
    }

    private WebElement lastAnswer() {
        return lastTurn().findElement(By.cssSelector(".answer"));
    }

    // the sessionIds the page sent with its questions, recorded by a wrapper around the page's fetch
    private List<String> sessionIds() {
        @SuppressWarnings("unchecked")
        List<String> ids = (List<String>) browser.script("return window.sentSessions;");
        return ids;
    }

    private void showDocuments() {
        browser.find("#tab-documents").click();
        browser.await(10, ExpectedConditions.visibilityOfElementLocated(By.id("counts")));
        browser.await(10, d -> !browser.all("#counts button").isEmpty());
    }

    /** The CSS selector of the list's row of {@code docId}. */
    private static String row(String docId) {
        return "#documents tbody tr[data-doc-id='" + docId.replace("'", "\\'") + "']";
    }

    /** The text of the list's row of {@code docId}, "" when it has none; read in one go, as the list redraws. */
    private String rowText(String docId) {
        Object text = browser.script("const row = document.querySelector(arguments[0]);"
                + " return row ? row.innerText : '';", row(docId));
        return (String) text;
    }

    private boolean noHorizontalScroll() {
        return (Boolean) browser.script("return document.documentElement.scrollWidth <= window.innerWidth;");
    }

    private static String describe(WebElement element) {
        String name = element.getTagName().equals("textarea") ? element.getAttribute("id") : element.getText();
        return element.getTagName() + ":" + name;
    }
}
