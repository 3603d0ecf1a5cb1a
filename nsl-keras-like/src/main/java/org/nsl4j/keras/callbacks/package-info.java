/**
 * Keras callbacks: hooks that {@code fit} calls during training ({@link
 * org.nsl4j.keras.callbacks.Callback}), the {@link org.nsl4j.keras.callbacks.History} that {@code
 * fit} returns, and the Keras progress bar.
 *
 * <p>To add a callback: implement {@link org.nsl4j.keras.callbacks.Callback}, overriding only the
 * hooks it needs, and pass it with {@code FitOptions.callbacks(...)}.
 */
package org.nsl4j.keras.callbacks;
