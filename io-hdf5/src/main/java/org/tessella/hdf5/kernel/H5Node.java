package org.tessella.hdf5.kernel;

import java.util.Objects;

/**
 * A group or dataset of a file, by absolute path.
 *
 * <p>This class is immutable.
 */
public final class H5Node implements Comparable<H5Node> {
    /** What a node is. */
    public enum Kind {
        /** A group (the root group is "/"). */
        GROUP,
        /** A dataset. */
        DATASET,
        /** A committed datatype, a dangling soft link, an external link or anything else. */
        OTHER
    }

    private final String path;
    private final Kind kind;

    H5Node(String path, Kind kind) {
        this.path = Objects.requireNonNull(path);
        this.kind = Objects.requireNonNull(kind);
    }

    /** @return the absolute path, for example "/group/temperature" */
    public String path() {
        return path;
    }

    /** @return what the node is */
    public Kind kind() {
        return kind;
    }

    @Override
    public int compareTo(H5Node o) {
        return path.compareTo(o.path);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof H5Node n && path.equals(n.path) && kind == n.kind;
    }

    @Override
    public int hashCode() {
        return path.hashCode() * 31 + kind.hashCode();
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + " " + path;
    }
}
