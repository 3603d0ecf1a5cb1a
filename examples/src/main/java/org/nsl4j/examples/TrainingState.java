package org.nsl4j.examples;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a tutorial run has trained so far, saved after every epoch so that {@code --resume} can
 * continue: the settings training depends on, and each phase's progress.
 */
final class TrainingState {

  /** The hyperparameters (but the number of epochs) and the data the checkpoints were made with. */
  @JsonProperty("settings")
  JsonNode settings;

  /** Phase name ({@code base}, {@code adv}) → its progress. */
  @JsonProperty("phases")
  Map<String, Phase> phases = new LinkedHashMap<>();

  TrainingState() {}

  /** A fresh state for {@code settings} (any JSON-ready value). */
  TrainingState(Object settings) {
    this.settings = asJson(settings);
  }

  /** {@code value} as it reads back from JSON, so that numbers compare equal after a save. */
  private static JsonNode asJson(Object value) {
    try {
      return Reports.json().readTree(Reports.json().writeValueAsBytes(value));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Checks that this saved state can be continued with {@code current} settings and {@code
   * epochs} epochs per phase; the message names what differs.
   */
  void checkResumable(Object currentSettings, int epochs, Path dir) {
    JsonNode current = asJson(currentSettings);
    List<String> diffs = new ArrayList<>();
    for (String section : List.of("hparams", "data")) {
      JsonNode was = settings == null ? null : settings.get(section);
      JsonNode now = current.get(section);
      now.fieldNames().forEachRemaining(k -> {
        JsonNode a = was == null ? null : was.get(k);
        if (!now.get(k).equals(a)) {
          diffs.add(k + " " + (a == null ? "unset" : a) + " there, " + now.get(k) + " now");
        }
      });
    }
    if (!diffs.isEmpty()) {
      throw new IllegalArgumentException("--resume: the checkpoints in " + dir
          + " were made with other settings (" + String.join("; ", diffs)
          + "); give the same flags, or run without --resume to start over");
    }
    phases.forEach((name, p) -> {
      if (p.epochsDone > epochs) {
        throw new IllegalArgumentException("--resume: the " + name + " model has " + p.epochsDone
            + " epochs done in " + dir + ", more than --epochs " + epochs);
      }
    });
  }

  /** The progress of {@code phase}, empty when it has not started. */
  Phase phase(String name) {
    return phases.computeIfAbsent(name, n -> new Phase());
  }

  /** How far one training phase got: epochs finished, their metrics and the time they took. */
  static final class Phase {

    @JsonProperty("epochs_done")
    int epochsDone;

    /** Metric → one value per finished epoch. */
    @JsonProperty("history")
    Map<String, List<Double>> history = new LinkedHashMap<>();

    /** Time spent in the finished epochs (without checkpointing). */
    @JsonProperty("train_seconds")
    double trainSeconds;

    /** Training steps (batches) of the finished epochs. */
    @JsonProperty("steps")
    long steps;

    /** Records a finished epoch. */
    void record(Map<String, Double> logs, double seconds, long epochSteps) {
      logs.forEach((k, v) -> history.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
      epochsDone++;
      trainSeconds += seconds;
      steps += epochSteps;
    }

    /** Mean milliseconds per training step, or null before any step. */
    Double msPerStep() {
      return steps == 0 ? null : trainSeconds * 1000 / steps;
    }
  }
}
