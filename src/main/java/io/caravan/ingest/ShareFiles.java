package io.caravan.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The files of a share as the file route sees them: regular files, no path element starting with a dot. */
public final class ShareFiles {

    private ShareFiles() {
    }

    /** Visible regular files under {@code root}, as paths relative to it, sorted. */
    public static List<Path> list(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(Files::isRegularFile)
                    .map(root::relativize)
                    .filter(p -> !isHidden(p))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
    }

    // Camel's file consumer skips every path element starting with a dot (.done, .error, .camel, .upload-*)
    static boolean isHidden(Path relative) {
        for (Path element : relative) {
            if (element.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }
}
