/**
 * The NSL tutorial end to end ({@code tutorial}) and its pieces: the base CNN, the
 * hyperparameters as flags, training one phase with per-epoch backups and {@code --resume}, the
 * transfer table and the white-box robustness curve, the report; {@code train-base} and {@code
 * summary} reuse them.
 */
package org.nsl4j.examples.tutorial;
