package io.caravan.bench;

import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Where a phase's CPU time went, by group of threads: summed over the intervals between {@link #start()} and
 * {@link #stop()}. Java threads are read one by one from {@link ThreadMXBean}; the JVM's own JIT compiler and GC
 * threads, which it does not list, from {@code /proc/self/task} where there is one (Linux). Whatever the process
 * used beyond those is threads that ended inside an interval (Lucene makes a thread per merge) and the JVM's other
 * threads.
 *
 * <p>Not thread safe: one thread starts and stops it.
 */
public final class CpuShares {

    /** The JVM's JIT compiler threads. */
    public static final String JIT = "JIT compilers (C1, C2)";
    /** The JVM's garbage collector threads. */
    public static final String GC = "garbage collector";
    /** The group of process CPU not seen on any living thread. */
    public static final String REST = "threads that ended (Lucene merges) and other JVM threads";
    private static final Path TASKS = Path.of("/proc/self/task");
    /** Clock ticks per second of /proc's CPU times; 100 on every Linux that Java runs on. */
    private static final long TICKS_PER_SECOND = 100;

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final CompilationMXBean compiler = ManagementFactory.getCompilationMXBean();
    private final Function<String, String> groupOf;
    private final Map<String, Long> nanosByGroup = new LinkedHashMap<>();
    private Map<Long, Long> startNanos = Map.of();
    private Map<String, Long> startJvmNanos = Map.of();
    private long startProcessNanos;
    private long startCompileMillis;
    private long processNanos;
    private long compileMillis;

    /** Groups threads by name with {@code groupOf} (thread name to group label). */
    public CpuShares(Function<String, String> groupOf) {
        this.groupOf = groupOf;
    }

    /** Whether this JVM measures per-thread CPU time (HotSpot on Linux does). */
    public boolean supported() {
        return threads.isThreadCpuTimeSupported() && ProcessCpu.nanos() >= 0;
    }

    /** Begins an interval. */
    public void start() {
        startNanos = threadNanos();
        startJvmNanos = jvmThreadNanos();
        startProcessNanos = ProcessCpu.nanos();
        startCompileMillis = totalCompileMillis();
    }

    /** Ends the interval begun by {@link #start()} and adds its CPU time to the groups. */
    public void stop() {
        long process = ProcessCpu.nanos() - startProcessNanos;
        Map<Long, Long> end = threadNanos();
        Map<Long, String> names = new HashMap<>();
        for (ThreadInfo info : threads.getThreadInfo(end.keySet().stream().mapToLong(Long::longValue).toArray())) {
            if (info != null) {
                names.put(info.getThreadId(), info.getThreadName());
            }
        }
        long seen = 0;
        for (Map.Entry<Long, Long> thread : end.entrySet()) {
            String name = names.get(thread.getKey());
            if (name == null) {
                continue;
            }
            long used = thread.getValue() - startNanos.getOrDefault(thread.getKey(), 0L);
            nanosByGroup.merge(groupOf.apply(name), used, Long::sum);
            seen += used;
        }
        for (Map.Entry<String, Long> jvm : jvmThreadNanos().entrySet()) {
            long used = jvm.getValue() - startJvmNanos.getOrDefault(jvm.getKey(), 0L);
            nanosByGroup.merge(jvm.getKey(), used, Long::sum);
            seen += used;
        }
        nanosByGroup.merge(REST, Math.max(0, process - seen), Long::sum);
        processNanos += process;
        compileMillis += totalCompileMillis() - startCompileMillis;
    }

    /** CPU nanoseconds per group, largest first. */
    public List<Map.Entry<String, Long>> byGroup() {
        return nanosByGroup.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .toList();
    }

    /** Process CPU nanoseconds over all intervals. */
    public long processNanos() {
        return processNanos;
    }

    /** Milliseconds the JIT compilers spent compiling during the intervals (wall time, as the JVM counts it). */
    public long compileMillis() {
        return compileMillis;
    }

    private long totalCompileMillis() {
        return compiler != null && compiler.isCompilationTimeMonitoringSupported()
                ? compiler.getTotalCompilationTime() : 0;
    }

    /** CPU nanoseconds of the JIT and GC threads, by group; empty without /proc. */
    static Map<String, Long> jvmThreadNanos() {
        Map<String, Long> nanos = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
            for (Path task : tasks) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException ended) {
                    continue;
                }
                String group = jvmGroup(stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')));
                if (group != null) {
                    nanos.merge(group, cpuNanos(stat), Long::sum);
                }
            }
        } catch (IOException | RuntimeException noProc) {
            return Map.of();
        }
        return nanos;
    }

    /** The JVM-internal group of a native thread name (at most 15 characters), or {@code null}. */
    static String jvmGroup(String comm) {
        if (comm.contains("CompilerThre")) {
            return JIT;
        } else if (comm.startsWith("GC Thread") || comm.startsWith("G1 ")) {
            return GC;
        }
        return null;
    }

    /** utime + stime (fields 14 and 15) of a /proc/[pid]/task/[tid]/stat line, in nanoseconds. */
    static long cpuNanos(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // fields[0] is field 3 (state), so utime (14) and stime (15) are at 11 and 12
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return ticks * (1_000_000_000L / TICKS_PER_SECOND);
    }

    private Map<Long, Long> threadNanos() {
        Map<Long, Long> nanos = new HashMap<>();
        for (long id : threads.getAllThreadIds()) {
            long cpu = threads.getThreadCpuTime(id);
            if (cpu >= 0) {
                nanos.put(id, cpu);
            }
        }
        return nanos;
    }
}
