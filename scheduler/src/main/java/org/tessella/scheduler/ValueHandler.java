package org.tessella.scheduler;

/**
 * What the scheduler needs to know about the values tasks produce: their size in bytes, whether
 * they are views into another value's memory, and how to release them the moment nothing needs
 * them. The array layer supplies one for blocks; custom values get {@link #NONE}.
 */
public interface ValueHandler {
    /** Size in bytes that {@code value} holds on its own (0 for a view). */
    default long sizeOf(Object value) {
        return 0;
    }

    /** True if {@code value} shares memory with another value and so can never be donated. */
    default boolean isView(Object value) {
        return false;
    }

    /** Frees or recycles {@code value}; it is not used again afterwards. */
    default void release(Object value) {
    }

    /** Handles nothing: sizes are 0, release is left to the garbage collector. */
    ValueHandler NONE = new ValueHandler() {
    };
}
