package org.nsl4j.keras.mixedprecision;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * What the machine and TensorFlow's native build offer for each precision policy: the CPU's
 * bfloat16 instructions (read from {@code /proc/cpuinfo}), whether TensorFlow's oneDNN kernels
 * (which the bfloat16 rewrite targets) are enabled, and whether TensorFlow sees a GPU.
 *
 * @param cpuFlags the CPU's feature flags, lower case (empty when they cannot be read)
 * @param os the operating system name ({@code os.name})
 * @param arch the architecture ({@code os.arch})
 * @param onednnOpts the value of {@code TF_ENABLE_ONEDNN_OPTS}, or null when unset
 * @param gpu whether TensorFlow can place an op on a GPU, asked only for {@code mixed_float16}
 */
record PrecisionSupport(Set<String> cpuFlags, String os, String arch, String onednnOpts,
    BooleanSupplier gpu) {

  /** CPU flags that give oneDNN bfloat16 kernels: AVX512-BF16 or AMX-BF16. */
  static final Set<String> BF16_FLAGS = Set.of("avx512_bf16", "amx_bf16");

  private static volatile PrecisionSupport current;

  /** This machine, read once. */
  static PrecisionSupport current() {
    if (current == null) {
      current = new PrecisionSupport(readCpuFlags(Path.of("/proc/cpuinfo")),
          System.getProperty("os.name"), System.getProperty("os.arch"),
          System.getenv("TF_ENABLE_ONEDNN_OPTS"), GpuProbe::available);
    }
    return current;
  }

  /** Why {@code policy} cannot run here, or null if it can. */
  String missingFor(Policy policy) {
    if (policy == Policy.MIXED_BFLOAT16) {
      return missingForBfloat16();
    }
    if (policy == Policy.MIXED_FLOAT16 && !gpu.getAsBoolean()) {
      return "TensorFlow sees no GPU (float16 compute needs an NVIDIA GPU and the -Pgpu build)";
    }
    return null;
  }

  private String missingForBfloat16() {
    boolean x86Linux = os.toLowerCase(Locale.ROOT).startsWith("linux")
        && (arch.equals("amd64") || arch.equals("x86_64"));
    if (!x86Linux) {
      return "bfloat16 compute needs TensorFlow's oneDNN kernels on Linux x86-64, this is " + os
          + " " + arch;
    }
    if (onednnOpts != null && (onednnOpts.trim().equals("0")
        || onednnOpts.trim().equalsIgnoreCase("false"))) {
      return "TF_ENABLE_ONEDNN_OPTS=" + onednnOpts + " turns off the oneDNN kernels that compute"
          + " in bfloat16";
    }
    if (cpuFlags.stream().noneMatch(BF16_FLAGS::contains)) {
      return "this CPU has neither AVX512-BF16 nor AMX-BF16 (no avx512_bf16 or amx_bf16 in"
          + " /proc/cpuinfo)";
    }
    return null;
  }

  /** The flags of the first processor listed in a {@code /proc/cpuinfo} file; empty if absent. */
  static Set<String> readCpuFlags(Path cpuinfo) {
    try {
      return Files.readAllLines(cpuinfo).stream()
          .filter(line -> line.startsWith("flags"))
          .findFirst()
          .map(line -> Arrays.stream(line.substring(line.indexOf(':') + 1).trim().split("\\s+"))
              .map(f -> f.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet()))
          .orElse(Set.of());
    } catch (IOException | RuntimeException e) {
      return Set.of();
    }
  }
}
