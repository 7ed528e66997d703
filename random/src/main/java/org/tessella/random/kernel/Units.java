package org.tessella.random.kernel;

/** Conversions from 64-bit generator words to uniform numbers; exact integer arithmetic, so deterministic. */
final class Units {

    private Units() {
    }

    /** Uniform on [0, 1) with 53 random bits: {@code (w >>> 11) * 2^-53}. */
    static double unit53(long w) {
        return (w >>> 11) * 0x1.0p-53;
    }

    /**
     * Uniform on the open interval (0, 1): {@code ((w >>> 12) + 1/2) * 2^-52}, in [2^-53, 1 - 2^-53]. Uses 52
     * bits so that adding one half stays exact (53 bits plus a half would round the top value up to 1).
     */
    static double openUnit(long w) {
        return ((w >>> 12) + 0.5) * 0x1.0p-52;
    }

    /** Uniform on (0, 1]: {@code ((w >>> 11) + 1) * 2^-53}; safe to take the logarithm of. */
    static double positiveUnit(long w) {
        return ((w >>> 11) + 1) * 0x1.0p-53;
    }

    /** High 64 bits of the unsigned 128-bit product (Math.unsignedMultiplyHigh arrives only in Java 18). */
    static long unsignedMultiplyHigh(long a, long b) {
        return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
    }
}
