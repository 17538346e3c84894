package io.caravan.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Renders a kustomization offline, as {@code kubectl apply -k} would: with a standalone {@code kustomize} when there is
 * one, else with {@code kubectl kustomize} (Debian's {@code kubernetes-client}, which {@code .ci/run} installs).
 * Without either the test fails and says what to install: manifests that were not rendered are not tested.
 */
final class Kustomize {

    private static final List<List<String>> RENDERERS = List.of(
            List.of("kustomize", "build"),
            List.of("kubectl", "kustomize"));

    private static volatile List<String> renderer;

    private Kustomize() {
    }

    /** The objects {@code directory} renders to, as the YAML stream the renderer prints. */
    static String build(Path directory) {
        List<String> command = new ArrayList<>(renderer());
        command.add(directory.toString());
        Result result = run(command);
        if (result.exitCode() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed (exit code " + result.exitCode() + "):\n"
                    + result.errors());
        }
        return result.output();
    }

    private static List<String> renderer() {
        if (renderer == null) {
            renderer = RENDERERS.stream().filter(Kustomize::answers).findFirst().orElseThrow(() -> new AssertionError(
                    "neither kustomize nor kubectl is on the PATH, so deploy/kubernetes cannot be rendered: install "
                            + "Debian's kubernetes-client (apt-get install kubernetes-client; .ci/run does) or any "
                            + "kubectl 1.14+ or kustomize"));
        }
        return renderer;
    }

    private static boolean answers(List<String> renderer) {
        String tool = renderer.get(0);
        List<String> version = tool.equals("kubectl") ? List.of(tool, "version", "--client") : List.of(tool, "version");
        try {
            return run(version).exitCode() == 0;
        } catch (UncheckedIOException e) {
            return false;
        }
    }

    private record Result(int exitCode, String output, String errors) {
    }

    private static Result run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).start();
            process.getOutputStream().close();
            // both streams at once: a renderer that fills one pipe while the other is read would block
            CompletableFuture<String> errors = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
            String output = read(process.getInputStream());
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish within 120 s");
            }
            return new Result(process.exitValue(), output, errors.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + command, e);
        }
    }

    private static String read(InputStream stream) {
        try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
