/**
 * The {@code inspect} command: what a Keras model file is (format, Keras version, inputs and
 * outputs), whether and how its network is rebuilt with this project's layers (summary,
 * parameter count, or why not), and how closely the rebuilt network follows the file's own
 * serving signature.
 */
package org.nsl4j.examples.inspect;
