package io.caravan.it;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * Saves the browser's screen and DOM as {@code target/screenshots/<class>.<test>.png|html} when a web page test
 * fails, so a failure in CI can be seen, not guessed (docs/web-page.md#tests).
 */
final class ScreenshotOnFailure implements TestWatcher {

    static final Path DIRECTORY = Path.of("target", "screenshots");

    private final Supplier<Browser> browser;

    ScreenshotOnFailure(Supplier<Browser> browser) {
        this.browser = browser;
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        Browser open = browser.get();
        if (open == null) {
            return;
        }
        Path file = DIRECTORY.resolve(context.getRequiredTestClass().getSimpleName() + "."
                + context.getRequiredTestMethod().getName() + ".png");
        try {
            open.screenshot(file);
            System.err.println("screenshot of the failed test: " + file.toAbsolutePath());
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }
}
