package org.nsl4j.keras.mixedprecision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyTest {

  @TempDir Path dir;

  private static PrecisionSupport machine(Set<String> flags, String os, String arch,
      String onednn, boolean gpu) {
    return new PrecisionSupport(flags, os, arch, onednn, () -> gpu);
  }

  @Test
  void policiesAreKerasNamesWithFloat32Variables() {
    assertSame(Policy.MIXED_BFLOAT16, Policy.of("mixed_bfloat16"));
    assertSame(Policy.FLOAT32, Policy.of(" Float32 "));
    assertEquals("bfloat16", Policy.MIXED_BFLOAT16.computeDtype());
    assertEquals("float16", Policy.MIXED_FLOAT16.computeDtype());
    for (Policy p : new Policy[] {Policy.FLOAT32, Policy.MIXED_BFLOAT16, Policy.MIXED_FLOAT16}) {
      assertEquals("float32", p.variableDtype());
    }
    assertFalse(Policy.FLOAT32.isMixed());
    assertTrue(Policy.MIXED_BFLOAT16.isMixed());
  }

  @Test
  void unknownPolicyNamesTheAllowedOnes() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Policy.of("bfloat16"));
    assertEquals("unknown precision policy 'bfloat16'; allowed: float32, mixed_bfloat16,"
        + " mixed_float16", e.getMessage());
  }

  @Test
  void bfloat16NeedsTheCpuInstructionsAndOneDnn() {
    Set<String> bf16 = Set.of("avx512f", "avx512_bf16");
    assertNull(machine(bf16, "Linux", "amd64", null, false).missingFor(Policy.MIXED_BFLOAT16));
    assertNull(machine(Set.of("amx_bf16"), "Linux", "amd64", "1", false)
        .missingFor(Policy.MIXED_BFLOAT16));
    String noFlag = machine(Set.of("avx512f", "avx2"), "Linux", "amd64", null, false)
        .missingFor(Policy.MIXED_BFLOAT16);
    assertTrue(noFlag.contains("neither AVX512-BF16 nor AMX-BF16"), noFlag);
    String off = machine(bf16, "Linux", "amd64", "0", false).missingFor(Policy.MIXED_BFLOAT16);
    assertTrue(off.contains("TF_ENABLE_ONEDNN_OPTS=0"), off);
    String mac = machine(bf16, "Mac OS X", "aarch64", null, false)
        .missingFor(Policy.MIXED_BFLOAT16);
    assertTrue(mac.contains("Linux x86-64"), mac);
    assertNull(machine(Set.of(), "Linux", "amd64", null, false).missingFor(Policy.FLOAT32));
  }

  @Test
  void float16NeedsAGpu() {
    String missing = machine(Set.of(), "Linux", "amd64", null, false)
        .missingFor(Policy.MIXED_FLOAT16);
    assertTrue(missing.contains("no GPU") && missing.contains("-Pgpu"), missing);
    assertNull(machine(Set.of(), "Linux", "amd64", null, true).missingFor(Policy.MIXED_FLOAT16));
  }

  @Test
  void aPolicyThisMachineCannotRunIsRefusedWhenSet() {
    Policy unsupported = Policy.MIXED_FLOAT16;
    if (unsupported.isSupported()) {
      return;
    }
    UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
        () -> Policy.setGlobalPolicy("mixed_float16"));
    assertTrue(e.getMessage().startsWith("precision policy 'mixed_float16' cannot run here: "),
        e.getMessage());
    assertSame(Policy.FLOAT32, Policy.globalPolicy());
  }

  @Test
  void cpuFlagsAreReadFromTheFirstProcessor() throws IOException {
    Path cpuinfo = dir.resolve("cpuinfo");
    Files.writeString(cpuinfo, "processor\t: 0\nmodel name\t: AMD EPYC\n"
        + "flags\t\t: fpu avx512f AVX512_BF16 sse2\n\nprocessor\t: 1\nflags\t\t: fpu\n");
    assertEquals(Set.of("fpu", "avx512f", "avx512_bf16", "sse2"),
        PrecisionSupport.readCpuFlags(cpuinfo));
    assertEquals(Set.of(), PrecisionSupport.readCpuFlags(dir.resolve("absent")));
  }
}
