/**
 * Robustness evaluation, in the spirit of IBM's Adversarial Robustness Toolbox: a {@link
 * org.nsl4j.keras.robustness.Classifier} (its clip box and affine preprocessing included), evasion
 * attacks and robustness metrics.
 *
 * <ul>
 *   <li>Classifiers: {@link org.nsl4j.keras.robustness.ModelClassifier} makes any {@code Model}
 *       (also a Python Keras model rebuilt by {@code KerasModelLoader}) a differentiable {@link
 *       org.nsl4j.keras.robustness.GradientClassifier}; {@code SignatureClassifier} in {@code
 *       saved-models} makes a SavedModel signature a classifier without gradients.
 *   <li>White-box attacks: {@link org.nsl4j.keras.robustness.FastGradientMethod} (FGSM, FGM),
 *       {@link org.nsl4j.keras.robustness.ProjectedGradientDescent} (PGD with restarts, BIM) and
 *       {@link org.nsl4j.keras.robustness.AutoProjectedGradientDescent} (APGD-CE, APGD-DLR); every
 *       iterate is projected onto the ε-ball and clipped to the box.
 *   <li>Black-box: {@link org.nsl4j.keras.robustness.SquareAttack}, from the scores alone.
 *   <li>{@link org.nsl4j.keras.robustness.WorstCaseAttack}: the worst case per example over
 *       several attacks, as AutoAttack reports it.
 *   <li>Metrics in {@link org.nsl4j.keras.robustness.Robustness}: accuracy under attack, per-example
 *       results, robustness curves over ε, the smallest fooling ε by bisection.
 * </ul>
 *
 * <p>A Python Keras model's accuracy under attack ({@code nsl-keras-like} and {@code
 * saved-models}):
 *
 * <pre>{@code
 * MnistData mnist = Mnist.load(MnistOptions.defaults().testLimit(500));  // pixels in [0, 1]
 * Dataset test = Dataset.fromTensorSlices(mnist.test()).batch(100)
 *     .map(Dataset.toTuple("image", "label"));
 * try (Model model = KerasModelLoader.load(Path.of("mnist_cnn.h5"))) {  // or a SavedModel dir
 *   Classifier classifier = ModelClassifier.builder(model).clipValues(0, 1).build();
 *   Attack pgd = ProjectedGradientDescent.builder()
 *       .eps(0.2f).epsStep(0.02f).maxIter(20).numRandomInit(2).build();
 *   Attack worst = WorstCaseAttack.of(FastGradientMethod.fgsm(0.2f), pgd,
 *       AutoProjectedGradientDescent.builder().eps(0.2f).maxIter(20).build());
 *   System.out.printf("accuracy under PGD-20: %.4f%n",
 *       Robustness.adversarialAccuracy(classifier, pgd, test));
 *   System.out.printf("accuracy under the worst case: %.4f%n",
 *       Robustness.adversarialAccuracy(classifier, worst, test));
 * }
 * }</pre>
 *
 * <p>Attacks are immutable configurations of plain values (serializable); their TensorFlow graphs
 * are built in the classifier's graph the first time they attack it and reused for every batch and
 * every ε, which is fed at run time.
 */
package org.nsl4j.keras.robustness;
