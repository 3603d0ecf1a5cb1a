/**
 * Writing outputs safely: {@link org.nsl4j.keras.io.OutputDirectory} claims a directory for a
 * tool (a manifest listing what it writes) so that nothing it did not write is overwritten or
 * deleted, and {@link org.nsl4j.keras.io.AtomicFiles} replaces a file atomically.
 *
 * <p>A writer added to the library or the tools writes through these: it names the entries it
 * writes before any work, and writes each file whole or not at all.
 */
package org.nsl4j.keras.io;
