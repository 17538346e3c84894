package io.caravan.report;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Where a {@code --report} goes: checked before a long run, so a wrong path fails in a second, not an hour. */
public final class ReportFile {

    private ReportFile() {
    }

    /**
     * Checks that {@code file} can be written: its folder exists and is writable, and it is not itself a folder or a
     * read-only file.
     *
     * @throws IllegalArgumentException saying what is wrong with the path
     */
    public static void check(Path file) {
        Path target = file.toAbsolutePath().normalize();
        Path folder = target.getParent();
        if (Files.isDirectory(target)) {
            throw new IllegalArgumentException("--report " + target + " is a folder, not a file");
        }
        if (folder == null || !Files.isDirectory(folder)) {
            throw new IllegalArgumentException("--report " + target + ": the folder " + folder + " does not exist");
        }
        if (!Files.isWritable(folder) || (Files.exists(target) && !Files.isWritable(target))) {
            throw new IllegalArgumentException("--report " + target + " cannot be written (permission denied)");
        }
    }

    /** The reason an I/O operation failed, in words: Java names the path alone in some of its exceptions. */
    static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or folder";
        } else if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
