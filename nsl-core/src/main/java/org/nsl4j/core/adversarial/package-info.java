/**
 * Graph-level generation of adversarial neighbors, the Java counterpart of NSL's {@code
 * nsl.lib.adversarial_neighbor} and its norm utilities: {@link
 * org.nsl4j.core.adversarial.AdversarialNeighbors#genAdvNeighbor} and {@link
 * org.nsl4j.core.adversarial.NormOps}. Everything here adds ops to a TensorFlow graph; nothing
 * runs it.
 */
package org.nsl4j.core.adversarial;
