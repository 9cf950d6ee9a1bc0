package org.livingcircle.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Peak memory of this JVM over one measured phase: resident set (VmHWM of /proc/self/status, reset
 * by writing 5 to /proc/self/clear_refs, Linux ≥ 4.0) and the sum of the heap pools' peak usage.
 * The RSS peak of a later phase includes whatever heap earlier phases left committed.
 */
final class Memory {
  private Memory() {}

  /** Whether the last {@link #resetPeaks} could reset VmHWM. */
  static boolean rssResettable = false;

  static void resetPeaks() {
    System.gc();
    try {
      Files.writeString(Path.of("/proc/self/clear_refs"), "5");
      rssResettable = true;
    } catch (IOException | RuntimeException e) {
      rssResettable = false;
    }
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      p.resetPeakUsage();
    }
  }

  /** VmHWM in bytes, or -1 where /proc is unreadable. */
  static long peakRssBytes() {
    return statusBytes("VmHWM:");
  }

  static long rssBytes() {
    return statusBytes("VmRSS:");
  }

  /** Sum of the heap pools' peak usage since the last reset, in bytes. */
  static long peakHeapBytes() {
    long sum = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP && p.getPeakUsage() != null) {
        sum += p.getPeakUsage().getUsed();
      }
    }
    return sum;
  }

  /** CPU seconds used by this process so far (all threads), or NaN. */
  static double cpuSeconds() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime() / 1e9;
    }
    return Double.NaN;
  }

  static long maxHeapBytes() {
    return Runtime.getRuntime().maxMemory();
  }

  private static long statusBytes(String key) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith(key)) {
          return Long.parseLong(line.substring(key.length()).replace("kB", "").strip()) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }
}
