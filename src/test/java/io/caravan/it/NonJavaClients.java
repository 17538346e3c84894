package io.caravan.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Python STOMP and AMQP 1.0 clients (python3-stomp, python3-qpid-proton) asking Caravan's broker, through the
 * scripts under {@code src/test/resources/clients}. Run with Debian's {@code /usr/bin/python3} (a pyenv python may be
 * first on PATH without those packages); a missing client fails the test with the install line, never skips it.
 */
final class NonJavaClients {

    private static final String PYTHON = "/usr/bin/python3";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int TIMEOUT_SECONDS = 60;

    private NonJavaClients() {
    }

    /** The reply frame a python3-stomp client received: {@code {"headers": {...}, "body": "..."}}. */
    static JsonNode askOverStomp(URI broker, String subscribeTo, String replyTo, String correlationId,
                                 String question) throws IOException, InterruptedException {
        return askOverStomp(broker, null, null, subscribeTo, replyTo, correlationId, question);
    }

    /** As {@link #askOverStomp(URI, String, String, String, String)}, logged in as {@code login} (null: anonymous). */
    static JsonNode askOverStomp(URI broker, String login, String passcode, String subscribeTo, String replyTo,
                                 String correlationId, String question) throws IOException, InterruptedException {
        require("stomp", "python3-stomp");
        Map<String, String> environment = login == null ? Map.of()
                : Map.of("CARAVAN_STOMP_LOGIN", login, "CARAVAN_STOMP_PASSCODE", passcode);
        return run(environment, "stomp_ask.py", broker.getHost(), Integer.toString(broker.getPort()), subscribeTo,
                replyTo, correlationId, question, Integer.toString(TIMEOUT_SECONDS));
    }

    /**
     * The reply a python3-qpid-proton client received: {@code {"reply_to", "correlation_id", "body"}}; {@code replyTo}
     * {@code --dynamic} asks with a temporary queue the broker names.
     */
    static JsonNode askOverAmqp(URI broker, String replyTo, String correlationId, String question)
            throws IOException, InterruptedException {
        require("proton", "python3-qpid-proton");
        return run(Map.of(), "amqp_ask.py", broker.getHost(), Integer.toString(broker.getPort()), replyTo, correlationId,
                question, Integer.toString(TIMEOUT_SECONDS));
    }

    private static void require(String module, String debianPackage) throws IOException, InterruptedException {
        String problem;
        if (!Files.isExecutable(Path.of(PYTHON))) {
            problem = "there is no " + PYTHON;
        } else {
            Process probe = new ProcessBuilder(PYTHON, "-c", "import " + module).redirectErrorStream(true).start();
            String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!probe.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                probe.destroyForcibly();
                throw new AssertionError(PYTHON + " -c 'import " + module + "' did not finish");
            }
            problem = probe.exitValue() == 0 ? null : PYTHON + " cannot import " + module + ": " + output.strip();
        }
        if (problem != null) {
            throw new AssertionError("the JMS channel's tests ask with Debian's non-Java clients, and " + problem
                    + "; install them with `apt-get install python3 " + debianPackage + "` (.ci/run does)");
        }
    }

    private static JsonNode run(Map<String, String> environment, String script, String... arguments)
            throws IOException, InterruptedException {
        Path copy = Files.createTempFile("caravan-" + script.replace(".py", "-"), ".py");
        try {
            try (InputStream source = NonJavaClients.class.getResourceAsStream("/clients/" + script)) {
                if (source == null) {
                    throw new AssertionError("missing test resource clients/" + script);
                }
                Files.copy(source, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            List<String> command = new ArrayList<>(List.of(PYTHON, copy.toString()));
            command.addAll(List.of(arguments));
            Path stderr = Files.createTempFile("caravan-client", ".err");
            try {
                ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderr.toFile());
                builder.environment().putAll(environment);
                Process process = builder.start();
                String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!process.waitFor(TIMEOUT_SECONDS + 30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError(script + " did not finish");
                }
                if (process.exitValue() != 0) {
                    throw new AssertionError(script + " " + String.join(" ", arguments) + " exited "
                            + process.exitValue() + ": " + Files.readString(stderr) + stdout);
                }
                return JSON.readTree(stdout);
            } finally {
                Files.deleteIfExists(stderr);
            }
        } finally {
            Files.deleteIfExists(copy);
        }
    }
}
