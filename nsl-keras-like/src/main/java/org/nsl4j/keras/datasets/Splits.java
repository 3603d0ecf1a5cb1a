package org.nsl4j.keras.datasets;

/** A training split and, when the source provides one that is wanted, a test split. */
record Splits(Split train, Split test) {}
