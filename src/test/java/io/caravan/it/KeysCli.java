package io.caravan.it;

import io.caravan.Caravan;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code caravan keys} command as an operator runs it, for tests that need real keys
 * (docs/http-api.md#api-keys): the same parser, the key taken from the last line of its output.
 */
final class KeysCli {

    private KeysCli() {
    }

    /** A created key: its id (from the first line) and the key itself (the last line). */
    record Created(String id, String key) {
    }

    /** {@code keys create --principal P --groups G --role R --file F}. */
    static Created create(Path file, String principal, String groups, String role) {
        List<String> lines = run("keys", "create", "--principal", principal, "--groups", groups, "--role", role,
                "--file", file.toString()).lines().toList();
        // "created key-… for <principal> (…)", then the key alone on the last line
        return new Created(lines.get(0).split(" ")[1], lines.get(lines.size() - 1));
    }

    /** Runs a {@code caravan} command line, which must succeed; its output. */
    static String run(String... args) {
        StringWriter out = new StringWriter();
        CommandLine command = Caravan.commandLine();
        command.setOut(new PrintWriter(out));
        command.setErr(new PrintWriter(out));
        assertThat(command.execute(args)).as(out.toString()).isZero();
        return out.toString();
    }
}
