/**
 * The loops behind {@code fit}, {@code evaluate} and {@code predict} ({@link
 * org.nsl4j.keras.training.Trainer}) over a compiled {@link
 * org.nsl4j.keras.training.TrainingGraph}, their options and placeholder feeds, and what {@code
 * compile} configures ({@link org.nsl4j.keras.training.CompileConfig}) with the objective it
 * compiles to ({@link org.nsl4j.keras.training.CompiledLoss}), as Keras's {@code trainers}
 * module.
 *
 * <p>A model subclass with its own training objective (as {@code AdversarialRegularization})
 * overrides {@code Model.buildTrainingGraph()} and returns a {@code TrainingGraph}; compile,
 * fit, evaluate and checkpoints then work unchanged.
 */
package org.nsl4j.keras.training;
