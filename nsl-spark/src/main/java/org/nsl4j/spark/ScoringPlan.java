package org.nsl4j.spark;

import java.io.Serializable;

/**
 * What every task needs to score images, checked on the driver: the model, the signature and its
 * input and output keys, the image column, and the number of images per signature call.
 */
public record ScoringPlan(ModelSource model, String signature, String inputKey,
    String outputKey, ImageColumn column, int batchSize) implements Serializable {}
