package io.caravan.cli;

import io.caravan.CaravanRuntime;
import io.caravan.auth.ApiKey;
import io.caravan.auth.ApiKeyFile;
import io.caravan.auth.Role;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code caravan keys create|list|revoke}: manages the API key file (docs/http-api.md#api-keys). A running Caravan
 * reads the file again on its next request, so no restart is needed. {@code create} prints the new key alone on
 * the last line of its output: the only time it is shown (the file holds its hash).
 */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "Create, list and revoke API keys (the file caravan.auth.api-keys-file).",
        subcommands = {KeysCommand.Create.class, KeysCommand.ListKeys.class, KeysCommand.Revoke.class})
public class KeysCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 2;
    }

    /** The options every subcommand takes: the file, and any configuration key. */
    static class FileOption {
        @Option(names = "--file", paramLabel = "PATH",
                description = "the key file (default: caravan.auth.api-keys-file)")
        Path file;

        /** The key file: {@code --file}, else {@code caravan.auth.api-keys-file} as {@code config} resolves it. */
        ApiKeyFile resolve(List<String> config) throws Exception {
            if (file != null) {
                return new ApiKeyFile(file);
            }
            Path configured = CaravanRuntime.settings(ConfigOverrides.parse(config)).auth().apiKeysFile();
            if (configured == null) {
                throw new CommandLine.ParameterException(new CommandLine(this), "no key file: give --file PATH or "
                        + "set caravan.auth.api-keys-file");
            }
            return new ApiKeyFile(configured);
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a key; it is printed once, alone on the last line.")
    static class Create implements Callable<Integer> {
        @CommandLine.Mixin
        FileOption options;

        @CommandLine.Unmatched
        List<String> config = new ArrayList<>();

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--principal", required = true, description = "who calls with the key")
        String principal;

        @Option(names = "--groups", split = ",", description = "the ACL groups it sees (comma-separated; "
                + "default: public)")
        List<String> groups = List.of("public");

        @Option(names = "--role", defaultValue = "reader", description = "reader, editor or admin (default: reader)")
        String role;

        @Override
        public Integer call() throws Exception {
            OfflineRuntime.quietLogs();
            ApiKeyFile file = options.resolve(config);
            ApiKeyFile.Created created = file.create(principal, groups.stream().map(String::strip)
                    .filter(g -> !g.isEmpty()).toList(), Role.of(role));
            ApiKey entry = created.entry();
            PrintWriter out = spec.commandLine().getOut();
            out.println("created " + entry.id() + " for " + entry.principal() + " (role " + entry.role().label()
                    + ", groups " + String.join(",", entry.groups()) + ") in " + file.path());
            out.println("the key is shown this once; give it to its caller as \"Authorization: Bearer <key>\":");
            out.println(created.key());
            out.flush();
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List principals, groups, roles and key ids (never a key).")
    static class ListKeys implements Callable<Integer> {
        @CommandLine.Mixin
        FileOption options;

        @CommandLine.Unmatched
        List<String> config = new ArrayList<>();

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            OfflineRuntime.quietLogs();
            ApiKeyFile file = options.resolve(config);
            PrintWriter out = spec.commandLine().getOut();
            String format = "%-12s  %-20s  %-6s  %-8s  %-20s  %s%n";
            out.printf(format, "ID", "PRINCIPAL", "ROLE", "STATUS", "CREATED", "GROUPS");
            for (ApiKey key : file.read()) {
                out.printf(format, key.id(), key.principal(), key.role().label(),
                        key.isValid() ? "valid" : "revoked", key.createdAt().truncatedTo(ChronoUnit.SECONDS),
                        String.join(",", key.groups()));
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a key by its id, or every key of a principal.")
    static class Revoke implements Callable<Integer> {
        @CommandLine.Mixin
        FileOption options;

        @CommandLine.Unmatched
        List<String> config = new ArrayList<>();

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "ID|PRINCIPAL", description = "a key id (key-...) or a principal")
        String target;

        @Override
        public Integer call() throws Exception {
            OfflineRuntime.quietLogs();
            List<ApiKey> revoked = options.resolve(config).revoke(target);
            if (revoked.isEmpty()) {
                spec.commandLine().getErr().println("caravan keys revoke: no valid key has id or principal \""
                        + target + "\"");
                return 1;
            }
            PrintWriter out = spec.commandLine().getOut();
            revoked.forEach(k -> out.println("revoked " + k.id() + " of " + k.principal()));
            out.flush();
            return 0;
        }
    }

}
