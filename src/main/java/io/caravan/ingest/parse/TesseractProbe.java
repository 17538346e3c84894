package io.caravan.ingest.parse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Whether Tesseract and the wanted language packs are installed, asked once at start-up with
 * {@code tesseract --list-langs} (docs/architecture.md#ocr). Tika would otherwise just not OCR, and a scan would be
 * quarantined with no word on why.
 */
public final class TesseractProbe {

    private static final String INSTALL = "install it (Debian: apt-get install tesseract-ocr tesseract-ocr-eng)";

    private TesseractProbe() {
    }

    /**
     * Why OCR cannot run with {@code languages} ({@code eng+deu}), or {@code null} when it can.
     *
     * @param command the Tesseract executable, {@code tesseract} to find it on the PATH
     */
    public static String unavailableReason(String command, String languages) {
        List<String> installed;
        try {
            installed = installedLanguages(command);
        } catch (IOException e) {
            return "Tesseract (" + command + ") is not installed or not on the PATH: " + INSTALL;
        }
        if (installed == null) {
            return "Tesseract (" + command + ") did not list its languages: check the installation, or " + INSTALL;
        }
        Set<String> have = Set.copyOf(installed);
        List<String> missing = new ArrayList<>();
        for (String language : languages.split("\\+")) {
            if (!language.isBlank() && !have.contains(language.strip())) {
                missing.add(language.strip());
            }
        }
        if (!missing.isEmpty()) {
            return "Tesseract lacks the language pack" + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing)
                    + " (caravan.ocr.languages): install " + missing.stream().map(l -> "tesseract-ocr-" + l)
                    .collect(Collectors.joining(" "));
        }
        return null;
    }

    // the languages "tesseract --list-langs" names, or null when it failed; its first line is a heading
    private static List<String> installedLanguages(String command) throws IOException {
        Process process = new ProcessBuilder(command, "--list-langs").redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(Duration.ofSeconds(10).toMillis(), TimeUnit.MILLISECONDS) || process.exitValue() != 0) {
                return null;
            }
            return output.lines().skip(1).map(String::strip).filter(l -> !l.isEmpty()).toList();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } finally {
            process.destroyForcibly();
        }
    }
}
