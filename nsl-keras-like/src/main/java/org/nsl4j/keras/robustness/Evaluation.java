package org.nsl4j.keras.robustness;

import java.util.List;
import java.util.Map;

/**
 * A classifier's results under one attack, example by example.
 *
 * @param attack the attack's name
 * @param params the attack's parameters
 * @param examples one result per example, in data order
 */
public record Evaluation(String attack, Map<String, Object> params, List<ExampleResult> examples) {

  public Evaluation {
    examples = List.copyOf(examples);
  }

  /** The share of inputs classified correctly. */
  public double cleanAccuracy() {
    return share(examples.stream().filter(ExampleResult::cleanCorrect).count());
  }

  /** The share of adversarial examples still classified correctly (robust accuracy). */
  public double adversarialAccuracy() {
    return share(examples.stream().filter(ExampleResult::adversarialCorrect).count());
  }

  private double share(long count) {
    return examples.isEmpty() ? 0 : count / (double) examples.size();
  }
}
