/**
 * What the commands write for people to read: JSON reports, the robustness chart and the grid of
 * perturbed digits, each written atomically so that a reader never sees half a file.
 */
package org.nsl4j.examples.reports;
