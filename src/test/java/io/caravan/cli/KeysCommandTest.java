package io.caravan.cli;

import io.caravan.Caravan;
import io.caravan.auth.ApiKeyFile;
import io.caravan.auth.ApiKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class KeysCommandTest {

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
    }

    @Test
    void should_print_a_new_key_alone_on_the_last_line_and_never_again() {
        // given
        Path file = dir.resolve("keys.json");

        // when
        Run created = run("keys", "create", "--principal", "ana", "--groups", "hr, staff", "--role", "editor",
                "--file", file.toString());
        Run listed = run("keys", "list", "--file", file.toString());

        // then
        assertThat(created.exit()).isZero();
        List<String> lines = created.out().lines().toList();
        String key = lines.get(lines.size() - 1);
        assertThat(key).startsWith(ApiKeyFile.KEY_PREFIX).doesNotContainAnyWhitespaces();
        assertThat(new ApiKeys(new ApiKeyFile(file)).authenticate(key).groups()).containsExactly("hr", "staff");
        assertThat(listed.out()).contains("ana").contains("editor").contains("valid").contains("hr,staff")
                .doesNotContain(key).doesNotContain(key.substring(ApiKeyFile.KEY_PREFIX.length()));
    }

    @Test
    void should_revoke_by_principal_and_fail_for_a_name_it_does_not_know() {
        Path file = dir.resolve("keys.json");
        run("keys", "create", "--principal", "ana", "--file", file.toString());

        Run revoked = run("keys", "revoke", "ana", "--file", file.toString());
        Run unknown = run("keys", "revoke", "nobody", "--file", file.toString());

        assertThat(revoked.exit()).isZero();
        assertThat(revoked.out()).startsWith("revoked key-");
        assertThat(run("keys", "list", "--file", file.toString()).out()).contains("revoked");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).contains("no valid key has id or principal \"nobody\"");
    }

    @Test
    void should_take_the_configured_key_file_without_file_and_refuse_a_bad_role() {
        Path file = dir.resolve("configured.json");
        Run created = run("keys", "create", "--principal", "ops", "--role", "admin",
                "--caravan.auth.api-keys-file=" + file);
        Run badRole = run("keys", "create", "--principal", "ops", "--role", "root", "--file", file.toString());

        assertThat(created.exit()).as(created.err()).isZero();
        assertThat(new ApiKeyFile(file).read()).singleElement()
                .satisfies(k -> assertThat(k.groups()).containsExactly("public"));
        assertThat(badRole.exit()).isNotZero();
        assertThat(badRole.err()).contains("unknown role \"root\"");
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = Caravan.commandLine();
        command.setOut(new PrintWriter(out));
        command.setErr(new PrintWriter(err));
        int exit = command.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }
}
