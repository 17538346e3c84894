package io.caravan.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The page's basic accessibility checks, a script run in the browser (see web/accessibility-checks.js). */
final class AccessibilityChecks {

    /** The script's body: it returns one line per problem, "" when there is none. */
    static final String SCRIPT = read();

    private AccessibilityChecks() {
    }

    private static String read() {
        try (InputStream in = AccessibilityChecks.class.getResourceAsStream("/web/accessibility-checks.js")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
