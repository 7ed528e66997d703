package org.tessella.scheduler;

import java.util.Arrays;
import java.util.Objects;

/**
 * The key of one task's result: a name and a block index, like dask's {@code ('add-3f2a', 0, 1)}.
 *
 * <p>Arrays use the name of the operation that produced them ({@code op-token}) and the block's
 * grid coordinates; custom graphs may use an empty index. This class is immutable.
 */
public final class Key implements Comparable<Key> {
    private final String name;
    private final int[] index;
    private final int hash;

    private Key(String name, int[] index) {
        this.name = name;
        this.index = index;
        this.hash = 31 * name.hashCode() + Arrays.hashCode(index);
    }

    /** A key with the given name and block index; the index is copied. */
    public static Key of(String name, int... index) {
        Objects.requireNonNull(name, "name");
        return new Key(name, index.clone());
    }

    /** Package-private: takes ownership of {@code index} without copying (hot path). */
    static Key ofOwned(String name, int[] index) {
        return new Key(name, index);
    }

    public String name() {
        return name;
    }

    /** The block index (a copy). */
    public int[] index() {
        return index.clone();
    }

    public int rank() {
        return index.length;
    }

    /** Component {@code axis} of the index, without copying. */
    public int index(int axis) {
        return index[axis];
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Key k)) {
            return false;
        }
        return hash == k.hash && name.equals(k.name) && Arrays.equals(index, k.index);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public int compareTo(Key o) {
        int c = name.compareTo(o.name);
        return c != 0 ? c : Arrays.compare(index, o.index);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("('").append(name).append('\'');
        for (int i : index) {
            sb.append(", ").append(i);
        }
        return sb.append(')').toString();
    }
}
