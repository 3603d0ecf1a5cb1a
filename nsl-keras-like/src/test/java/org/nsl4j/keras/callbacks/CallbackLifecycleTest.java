package org.nsl4j.keras.callbacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nsl4j.keras.data.Dataset;
import org.nsl4j.keras.models.Model;
import org.nsl4j.keras.models.Sequential;
import org.nsl4j.keras.training.FitOptions;

/** {@code fit} calls every hook in Keras's order, with Keras's logs. */
class CallbackLifecycleTest {

  /** Records every call as a line. */
  static final class Recorder implements Callback {
    final List<String> calls = new ArrayList<>();
    final List<Map<String, Double>> batchLogs = new ArrayList<>();
    Model model;

    @Override
    public void setModel(Model model) {
      this.model = model;
      calls.add("setModel");
    }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
      calls.add("trainBegin");
    }

    @Override
    public void onTrainEnd(Map<String, Double> logs) {
      calls.add("trainEnd " + logs.keySet());
    }

    @Override
    public void onEpochBegin(int epoch, Map<String, Double> logs) {
      calls.add("epochBegin " + epoch);
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
      calls.add("epochEnd " + epoch + " " + logs.keySet());
    }

    @Override
    public void onBatchBegin(int batch, Map<String, Double> logs) {
      calls.add("batchBegin " + batch);
    }

    @Override
    public void onBatchEnd(int batch, Map<String, Double> logs) {
      calls.add("batchEnd " + batch);
      batchLogs.add(Map.copyOf(logs));
    }

    @Override
    public void onTestBegin(Map<String, Double> logs) {
      calls.add("testBegin");
    }

    @Override
    public void onTestEnd(Map<String, Double> logs) {
      calls.add("testEnd " + logs.keySet());
    }
  }

  @Test
  void hooksRunInKerasOrderWithTheirLogs() {
    try (Sequential model = SmallModels.mlp()) {
      model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
      Recorder r = new Recorder();
      Dataset train = SmallModels.blobs(8, 4);
      History h = model.fit(train, FitOptions.epochs(2).verbose(0)
          .validationData(SmallModels.blobs(4, 4)).callback(r));
      String metrics = "[loss, sparse_categorical_accuracy]";
      String all = "[loss, sparse_categorical_accuracy, val_loss, val_sparse_categorical_accuracy]";
      List<String> epoch = List.of("batchBegin 0", "batchEnd 0", "batchBegin 1", "batchEnd 1",
          "testBegin", "testEnd " + metrics);
      List<String> expected = new ArrayList<>(List.of("setModel", "trainBegin", "epochBegin 0"));
      expected.addAll(epoch);
      expected.addAll(List.of("epochEnd 0 " + all, "epochBegin 1"));
      expected.addAll(epoch);
      expected.addAll(List.of("epochEnd 1 " + all, "trainEnd " + all));
      assertEquals(expected, r.calls);
      assertTrue(r.model == model);
      assertTrue(model.history() == h, "model.history() is the history fit returns");
      // the logs of a batch end are the running means of the epoch so far
      double first = r.batchLogs.get(0).get("loss");
      double mean = r.batchLogs.get(1).get("loss");
      assertEquals(h.get("loss").get(0), mean, 1e-9);
      assertTrue(first != mean, "batch 0's logs hold batch 0 alone: " + r.batchLogs);
    }
  }

  @Test
  void aStopRequestEndsTrainingAfterTheCurrentBatchAndAddedLogsAreRecorded() {
    try (Sequential model = SmallModels.mlp()) {
      model.compile("adam", "sparse_categorical_crossentropy");
      Recorder r = new Recorder();
      Callback stopper = new Callback() {
        @Override
        public void onBatchEnd(int batch, Map<String, Double> logs) {
          if (batch == 1) {
            model.setStopTraining(true);
          }
        }
      };
      History h = model.fit(SmallModels.blobs(16, 4), FitOptions.epochs(5).verbose(0)
          .callback(stopper, SmallModels.atEpochEnd((e, logs) -> logs.put("extra", 7.0)), r));
      assertEquals(List.of(0), h.epochs());
      assertEquals(List.of(7.0), h.get("extra"), "entries added at onEpochEnd are recorded");
      assertEquals(2, r.calls.stream().filter(c -> c.startsWith("batchEnd")).count());
      assertTrue(r.calls.get(r.calls.size() - 1).startsWith("trainEnd"));
      model.fit(SmallModels.blobs(16, 4), FitOptions.epochs(1).verbose(0));
      assertEquals(List.of(0), model.history().epochs(), "the next fit starts afresh");
    }
  }
}
