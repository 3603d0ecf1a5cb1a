package org.nsl4j.examples.inspect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The {@code inspect} report as text for a person. */
final class InspectionText {

  private InspectionText() {}

  static String of(ObjectNode r) {
    StringBuilder sb = new StringBuilder();
    header(r, sb);
    JsonNode rebuild = r.get("rebuild");
    if (!rebuild.get("rebuilt").asBoolean()) {
      sb.append("not rebuilt (").append(rebuild.get("reason_kind").asText()).append("): ")
          .append(rebuild.get("reason").asText()).append('\n');
      if (rebuild.get("reason_kind").asText().equals("custom-layer")) {
        sb.append("on this command line, register a factory with --custom-layer CLASS=FACTORY\n");
      }
      return sb.toString();
    }
    rebuilt(rebuild, sb);
    return sb.toString();
  }

  /** The file, its format, the model's inputs and outputs and its serving signature. */
  private static void header(ObjectNode r, StringBuilder sb) {
    sb.append(r.get("path").asText()).append('\n');
    sb.append("format: ").append(r.get("format_description").asText())
        .append(", Keras ").append(r.get("keras_version").asText()).append('\n');
    if (!r.path("model_class").isNull()) {
      sb.append("model: ").append(r.get("model_class").asText()).append(" '")
          .append(r.get("model_name").asText()).append("'\n");
      r.get("inputs").forEach(in -> sb.append("input: ").append(in.get("name").asText())
          .append(' ').append(in.get("shape")).append(' ').append(in.get("dtype").asText())
          .append('\n'));
      sb.append("outputs: ").append(r.get("outputs")).append('\n');
    }
    if (r.has("signature")) {
      JsonNode s = r.get("signature");
      sb.append("signature '").append(s.get("key").asText()).append("': ");
      s.get("inputs").forEach(t -> sb.append(tensor(t)).append(' '));
      sb.append("->");
      s.get("outputs").forEach(t -> sb.append(' ').append(tensor(t)));
      sb.append('\n');
    }
  }

  /** The rebuilt network's summary, the weights used and its parity with the signature. */
  private static void rebuilt(JsonNode rebuild, StringBuilder sb) {
    sb.append(rebuild.get("summary").asText());
    sb.append("weights: ").append(rebuild.get("weights_used").asInt()).append(" arrays used");
    rebuild.get("weights_skipped").fields().forEachRemaining(e -> sb.append(", ")
        .append(e.getValue().asInt()).append(" skipped in ").append(e.getKey()));
    sb.append('\n');
    if (rebuild.has("max_abs_diff")) {
      sb.append("rebuilt vs signature, ").append(rebuild.path("parity_batch").asInt(0))
          .append(" random inputs: max |diff| = ")
          .append(rebuild.get("max_abs_diff").isNull() ? "n/a (" + rebuild.get("parity_error")
              .asText() + ")" : String.format("%.3e", rebuild.get("max_abs_diff").asDouble()))
          .append('\n');
    }
  }

  private static String tensor(JsonNode t) {
    return t.get("key").asText() + " " + t.get("dtype").asText() + t.get("shape");
  }
}
