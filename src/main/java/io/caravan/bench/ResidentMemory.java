package io.caravan.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/** The memory this process uses, as the operating system and the JVM see it. */
public final class ResidentMemory {

    private static final Path PROC_STATUS = Path.of("/proc/self/status");

    private ResidentMemory() {
    }

    /** The resident set size in kB from {@code /proc/self/status}, or empty where there is none (not Linux). */
    public static OptionalLong residentKb() {
        try {
            return Files.isReadable(PROC_STATUS) ? vmRssKb(Files.readString(PROC_STATUS)) : OptionalLong.empty();
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    /** The {@code VmRSS} value in kB of a {@code /proc/PID/status} text. */
    public static OptionalLong vmRssKb(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                String[] parts = line.substring("VmRSS:".length()).trim().split("\\s+");
                return OptionalLong.of(Long.parseLong(parts[0]));
            }
        }
        return OptionalLong.empty();
    }

    /** Heap bytes in use after asking for a full collection (a hint the JVM usually follows). */
    public static long heapUsedAfterGcBytes() {
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
