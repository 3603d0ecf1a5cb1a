package org.nsl4j.examples.bench;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.nsl4j.examples.CliRun;
import org.nsl4j.keras.mixedprecision.Policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;


/** bench prints every figure the issue asks for (values are measured, not asserted). */
class BenchCommandTest {

  private static double value(String out, String name) {
    Matcher m = Pattern.compile("(?m)^" + name + ": ([0-9.]+)").matcher(out);
    assertTrue(m.find(), name + " missing from:\n" + out);
    return Double.parseDouble(m.group(1));
  }

  @Test
  void trainingBenchPrintsStepTimesFlopRatesAndTheCeiling() {
    CliRun run = CliRun.of("bench", "--steps", "2", "--rounds", "1", "--warmup", "0");
    assertEquals(0, run.exitCode(), run.err());
    String out = run.out();
    for (String name : new String[] {"keras_like_ms_per_step", "raw_tf_ms_per_step",
        "keras_to_raw_ratio", "adv_ms_per_step", "adv_to_base_ratio", "base_gflops",
        "adv_gflops", "ceiling_fp32_gflops", "base_share_of_fp32_ceiling"}) {
      assertTrue(value(out, name) > 0, name);
    }
    assertEquals(5.588, value(out, "forward_mflop_per_example"), 1e-9);
    double ratio = value(out, "keras_like_ms_per_step") / value(out, "raw_tf_ms_per_step");
    assertEquals(ratio, value(out, "keras_to_raw_ratio"), 0.002 * ratio + 0.001);
    double gflops = 3 * 5.58848e6 * 32 / value(out, "keras_like_ms_per_step") / 1e6;
    assertEquals(gflops, value(out, "base_gflops"), 0.002 * gflops + 0.01);
    if (Policy.MIXED_BFLOAT16.isSupported()) {
      assertTrue(value(out, "bf16_base_speedup") > 0);
      assertTrue(value(out, "ceiling_bf16_gflops") > 0);
      assertTrue(out.contains("bf16_kernels_in_forward_pass: {") && out.contains("Conv2D"), out);
    } else {
      assertTrue(out.contains("mixed_bfloat16: not run, precision policy"), out);
    }
  }

  @Test
  void inferenceBenchPrintsThroughputAndLatencyPerBatchAndThreadCount() {
    CliRun run = CliRun.of("bench", "--inference", "--rounds", "1", "--inference-seconds", "0.2");
    assertEquals(0, run.exitCode(), run.err());
    for (int batch : InferenceBench.BATCH_SIZES) {
      for (int threads : InferenceBench.THREADS) {
        for (String what : new String[] {"loaded_model", "session_run"}) {
          Pattern line = Pattern.compile("(?m)^inference_" + what + "_batch_" + batch
              + "_threads_" + threads + ": [0-9]+ images/s, p50 [0-9.]+ ms, p99 [0-9.]+ ms");
          assertTrue(line.matcher(run.out()).find(), what + " " + batch + " " + threads
              + " missing:\n" + run.out());
        }
      }
      assertTrue(value(run.out(), "inference_batch_" + batch + "_threads_4_to_1_ratio") > 0);
    }
  }

  @Test
  void modelWithoutInferenceIsRefused() {
    CliRun run = CliRun.of("bench", "--model", "somewhere");
    assertEquals(2, run.exitCode());
    assertEquals("error: --model is read only with --inference", run.err().strip());
  }
}
