package org.nsl4j.examples.tutorial;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.nsl4j.examples.reports.Reports;

/**
 * What a tutorial run needs besides its backups to continue with {@code --resume}: the settings
 * training depends on (checked on resume) and each phase's epoch times, saved after every epoch.
 * How far each phase got, and its history, are in its {@code BackupAndRestore} backup.
 */
final class TrainingState {

  /** The hyperparameters (but the number of epochs) and the data the checkpoints were made with. */
  @JsonProperty("settings")
  JsonNode settings;

  /** Phase name ({@code base}, {@code adv}) → its times. */
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
   * epochs} epochs per phase, given the epochs each phase has done; the message names what
   * differs.
   */
  void checkResumable(Object currentSettings, int epochs, Map<String, Integer> epochsDone,
      Path dir) {
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
    epochsDone.forEach((name, done) -> {
      if (done > epochs) {
        throw new IllegalArgumentException("--resume: the " + name + " model has " + done
            + " epochs done in " + dir + ", more than --epochs " + epochs);
      }
    });
  }

  /** The times of {@code phase}, empty when it has not started. */
  Phase phase(String name) {
    return phases.computeIfAbsent(name, n -> new Phase());
  }

  /** How long one training phase's epochs took. */
  static final class Phase {

    /** Epoch (from 0) → seconds of training and validation, without checkpointing. */
    @JsonProperty("epoch_seconds")
    Map<Integer, Double> epochSeconds = new TreeMap<>();

    /** Training steps (batches) per epoch. */
    @JsonProperty("steps_per_epoch")
    long stepsPerEpoch;

    /** The time of the first {@code epochs} epochs (those whose time was recorded). */
    double trainSeconds(int epochs) {
      return epochSeconds.entrySet().stream().filter(e -> e.getKey() < epochs)
          .mapToDouble(Map.Entry::getValue).sum();
    }

    /** Mean milliseconds per training step over the first {@code epochs} epochs, or null. */
    Double msPerStep(int epochs) {
      long timed = epochSeconds.keySet().stream().filter(e -> e < epochs).count();
      return timed == 0 || stepsPerEpoch == 0 ? null
          : trainSeconds(epochs) * 1000 / (timed * stepsPerEpoch);
    }
  }
}
