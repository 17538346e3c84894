package io.caravan.bench;

import java.lang.management.ManagementFactory;

/** CPU time of this JVM process, all threads, living and ended (ONNX Runtime's native threads included). */
public final class ProcessCpu {

    private ProcessCpu() {
    }

    /** Process CPU time in nanoseconds, or -1 where the JVM cannot tell. */
    public static long nanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }
}
