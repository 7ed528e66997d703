package org.tessella.scheduler;

import java.util.Arrays;

/** A growable stack of ints (no boxing), for the coordinator and the ordering. */
final class IntStack {
    private int[] items = new int[16];
    private int size;

    boolean isEmpty() {
        return size == 0;
    }

    void push(int x) {
        if (size == items.length) {
            items = Arrays.copyOf(items, size * 2);
        }
        items[size++] = x;
    }

    int pop() {
        return items[--size];
    }

    int peek() {
        return items[size - 1];
    }

    void clear() {
        size = 0;
    }
}
