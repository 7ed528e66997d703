package org.tessella.random.kernel;

/**
 * The sub-stream of one element (layout {@link Streams#ELEMENT}): the words of Philox at counters
 * {@code (element, 0, ELEMENT, 0)}, {@code (element, 1, ELEMENT, 0)}, ... consumed in order. A rejection sampler
 * may draw as many words as it likes without touching any other element's numbers.
 *
 * <p>Mutable and meant for one thread: a fill loop makes one and {@link #reset}s it per element.
 */
final class ElementStream {

    private final long k0;
    private final long k1;
    private final long[] words = new long[4];
    private long element;
    private long application;
    private int next = 4;

    ElementStream(long k0, long k1) {
        this.k0 = k0;
        this.k1 = k1;
    }

    /** Starts the sub-stream of {@code element} from its first word. */
    void reset(long element) {
        this.element = element;
        this.application = 0;
        this.next = 4;
    }

    long nextLong() {
        if (next == 4) {
            Philox4x64.apply(k0, k1, element, application++, Streams.ELEMENT, 0, words, 0);
            next = 0;
        }
        return words[next++];
    }

    /** Uniform on (0, 1). */
    double nextOpenUnit() {
        return Units.openUnit(nextLong());
    }

    /** Standard normal by the ziggurat, all words from this stream. */
    double nextNormal() {
        return NormalZiggurat.sample(this);
    }
}
