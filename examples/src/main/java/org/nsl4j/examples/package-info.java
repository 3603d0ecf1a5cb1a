/**
 * The command-line jar ({@link org.nsl4j.examples.Main}): one sub-package per job: {@code cli}
 * (shared flags), {@code tutorial}, {@code savedmodel} (evaluate and harden Python models),
 * {@code inspect}, {@code bench} and {@code reports}. A new command is a picocli {@code @Command}
 * class in the package of its job, listed in {@code Main}'s subcommands.
 */
package org.nsl4j.examples;
