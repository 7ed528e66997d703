package org.tessella.random.kernel;

/**
 * How counters are laid out, so that every value depends only on (seed, stream, element index).
 *
 * <p>The Philox key is {@code (seed, stream)}: the seed the user gave and a per-distribution stream id (an ASCII
 * tag, see {@link Distribution}), so different distributions with the same seed draw unrelated numbers. The
 * counter's third word names the layout, so the layouts never share a counter:
 * <ul>
 *   <li>{@link #FLAT}: samplers that (almost always) need one 64-bit word per element; element {@code i} gets
 *       word {@code i & 3} of the application at counter {@code (i >>> 2, 0, FLAT, 0)}. Four elements per
 *       application, and any contiguous run of flat indices is generated alone. When the word is not enough
 *       (ziggurat wedge or tail, Lemire rejection) the element continues in its {@link #ELEMENT} sub-stream.</li>
 *   <li>{@link #ELEMENT}: samplers needing a variable number of draws (rejection methods) give element {@code i}
 *       its own sub-stream, the words of the applications at counters {@code (i, j, ELEMENT, 0)},
 *       {@code j = 0, 1, ...}, consumed in order.</li>
 *   <li>{@link #PERMUTATION}: round keys of {@link Permutation}, at counters {@code (n, j, PERMUTATION, 0)}.</li>
 * </ul>
 */
final class Streams {

    static final long FLAT = 0;
    static final long ELEMENT = 1;
    static final long PERMUTATION = 2;

    private Streams() {
    }

    /**
     * Generates the flat words of elements {@code start .. start + len - 1} ({@code len >= 1}) into
     * {@code scratch} (length at least {@code len + 8}) and returns the offset of element {@code start}'s word;
     * element {@code start + i}'s word is then {@code scratch[offset + i]}.
     */
    static int flatWords(long k0, long k1, long start, int len, long[] scratch) {
        long first = start >>> 2;
        long last = (start + len - 1) >>> 2;
        Philox4x64.applyRun(k0, k1, first, 0, FLAT, 0, scratch, 0, (int) (last - first + 1));
        return (int) (start & 3);
    }

    /** ASCII tag of up to eight characters packed big-endian into a long: a readable stream id. */
    static long tag(String name) {
        if (name.length() > 8) {
            throw new IllegalArgumentException("name is longer than 8 characters: " + name + "; expected a short tag");
        }
        long t = 0;
        for (int i = 0; i < name.length(); i++) {
            t = (t << 8) | (name.charAt(i) & 0x7f);
        }
        return t;
    }
}
