/**
 * What the commands share on the command line: where the digits come from ({@link
 * org.nsl4j.examples.cli.DataOptions}, NumPy image files), how pixels are preprocessed, how
 * TensorFlow runs (precision policy, threads, inference batch) and defaults read from {@code
 * --config}. A new shared flag goes into one of these mixins, which a command adds with
 * picocli's {@code @Mixin}.
 */
package org.nsl4j.examples.cli;
