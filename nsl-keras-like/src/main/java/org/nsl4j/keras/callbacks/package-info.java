/**
 * Keras callbacks: hooks that {@code fit} calls through the Keras lifecycle ({@link
 * org.nsl4j.keras.callbacks.Callback}, called in order by {@link
 * org.nsl4j.keras.callbacks.CallbackList}), the {@link org.nsl4j.keras.callbacks.History} that
 * {@code fit} returns, the Keras progress bar, and Keras's built-in callbacks: {@link
 * org.nsl4j.keras.callbacks.ModelCheckpoint}, {@link org.nsl4j.keras.callbacks.BackupAndRestore},
 * {@link org.nsl4j.keras.callbacks.EarlyStopping}, {@link org.nsl4j.keras.callbacks.CSVLogger},
 * {@link org.nsl4j.keras.callbacks.TerminateOnNaN}, and NSL's schedule of the adversarial
 * multiplier ({@link org.nsl4j.keras.callbacks.AdversarialMultiplierScheduler}).
 *
 * <p>To add a callback: implement {@link org.nsl4j.keras.callbacks.Callback}, overriding only the
 * hooks it needs (keep the model from {@code setModel} to act on it), pass it with {@code
 * FitOptions.callback(...)}, and test it on a small model. A callback that writes files writes
 * only where it is told and never overwrites or deletes a file it did not write.
 */
package org.nsl4j.keras.callbacks;
