/**
 * The {@code bench} command: training steps of the Keras-like model against the same network in
 * raw TensorFlow ops, FLOP rates against the machine's measured ceiling, the precision policies,
 * and serving throughput and latency ({@code bench --inference}).
 */
package org.nsl4j.examples.bench;
