package org.tessella.ndarray;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * One entry of a basic NumPy index, for {@link ChunkedArray#get(Slice...)}: either a slice
 * {@code start:stop:step} or an integer index, which selects one position and drops the axis.
 *
 * <p>As in NumPy, negative {@code start} and {@code stop} count from the end of the axis, out-of-range
 * bounds are clipped, an omitted bound means "from the first element the step reaches" or "through
 * the last one" (so {@code every(-1)} reverses an axis, {@code x[::-1]}), and a negative step walks
 * the axis backwards. Omitted bounds are absent here, never sentinel values:
 * <pre>
 *   x[:]       Slice.all()          x[2:7]    Slice.of(2, 7)       x[1:9:2]  Slice.of(1, 9, 2)
 *   x[-3:]     Slice.from(-3)       x[:4]     Slice.to(4)          x[::-1]   Slice.every(-1)
 *   x[5::-1]   Slice.from(5).withStep(-1)                           x[3]      Slice.index(3)
 * </pre>
 * This class is immutable.
 */
public final class Slice {
    private static final Slice ALL = new Slice(null, null, 1, false);

    private final Long start;
    private final Long stop;
    private final long step;
    private final boolean index;

    private Slice(Long start, Long stop, long step, boolean index) {
        if (step == 0) {
            throw new IllegalArgumentException("step is zero: 0; expected a non-zero step");
        }
        this.start = start;
        this.stop = stop;
        this.step = step;
        this.index = index;
    }

    /** The whole axis, {@code x[:]}. */
    public static Slice all() {
        return ALL;
    }

    /** {@code x[start:stop]}. */
    public static Slice of(long start, long stop) {
        return new Slice(start, stop, 1, false);
    }

    /** {@code x[start:stop:step]}; {@code step} must not be 0. */
    public static Slice of(long start, long stop, long step) {
        return new Slice(start, stop, step, false);
    }

    /** {@code x[start:]}. */
    public static Slice from(long start) {
        return new Slice(start, null, 1, false);
    }

    /** {@code x[:stop]}. */
    public static Slice to(long stop) {
        return new Slice(null, stop, 1, false);
    }

    /** {@code x[::step]}; {@code every(-1)} reverses the axis. {@code step} must not be 0. */
    public static Slice every(long step) {
        return new Slice(null, null, step, false);
    }

    /** The integer index {@code x[i]}: one position, and the axis is dropped. */
    public static Slice index(long i) {
        return new Slice(i, null, 1, true);
    }

    /**
     * This slice with another step (bounds kept); {@code step} must not be 0.
     *
     * @throws IllegalArgumentException if this is an integer index or step is 0
     */
    public Slice withStep(long step) {
        if (index) {
            throw new IllegalArgumentException("slice is an integer index: " + this + "; expected a slice to give a step");
        }
        return new Slice(start, stop, step, false);
    }

    /** True for an integer index (the axis is dropped). */
    public boolean isIndex() {
        return index;
    }

    /** The start bound (or the index), absent when omitted. */
    public OptionalLong start() {
        return start == null ? OptionalLong.empty() : OptionalLong.of(start);
    }

    /** The stop bound, absent when omitted (always absent for an index). */
    public OptionalLong stop() {
        return stop == null ? OptionalLong.empty() : OptionalLong.of(stop);
    }

    public long step() {
        return step;
    }

    /**
     * The positions this slice selects on an axis of {@code length}, as Python's
     * {@code slice.indices}: {@code {first, step, count}}, the positions being
     * {@code first + k * step} for {@code k < count}.
     *
     * @throws IllegalArgumentException if this is an index outside {@code [-length, length)}
     */
    long[] resolve(long length, int axis) {
        if (index) {
            long i = start;
            if (i < -length || i >= length) {
                throw new IllegalArgumentException("index is out of range on axis " + axis + ": " + i + "; expected "
                        + -length + " <= index < " + length + " (the axis length is " + length + ")");
            }
            return new long[] {i < 0 ? i + length : i, 1, 1};
        }
        long first;
        long last;
        if (step > 0) {
            first = start == null ? 0 : clip(start, length, 0, length);
            last = stop == null ? length : clip(stop, length, 0, length);
        } else {
            first = start == null ? length - 1 : clip(start, length, -1, length - 1);
            last = stop == null ? -1 : clip(stop, length, -1, length - 1);
        }
        long count;
        if (step > 0) {
            count = first < last ? (last - first - 1) / step + 1 : 0;
        } else {
            count = last < first ? (first - last - 1) / -step + 1 : 0;
        }
        return new long[] {count == 0 ? 0 : first, step, count};
    }

    /** A bound made non-negative by counting from the end, then clipped to {@code [lo, hi]}. */
    private static long clip(long bound, long length, long lo, long hi) {
        long b = bound < 0 ? bound + length : bound;
        return Math.max(lo, Math.min(hi, b));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Slice s && Objects.equals(start, s.start) && Objects.equals(stop, s.stop)
                && step == s.step && index == s.index;
    }

    @Override
    public int hashCode() {
        return Objects.hash(start, stop, step, index);
    }

    /** NumPy notation: {@code 3}, {@code :}, {@code 2:7}, {@code -3:}, {@code ::-1}. */
    @Override
    public String toString() {
        if (index) {
            return Long.toString(start);
        }
        String s = (start == null ? "" : start.toString()) + ':' + (stop == null ? "" : stop.toString());
        return step == 1 ? s : s + ':' + step;
    }
}
