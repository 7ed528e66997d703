package org.tessella.ndarray;

import org.tessella.scheduler.Key;

/** The blocks of one layer inside a box of block indices, as the keys a task depends on. Static only. */
final class BlockBox {
    private BlockBox() {
    }

    /**
     * The keys {@code (name, i)} for every block index {@code lo <= i <= hi} (inclusive, per axis), in C order
     * (last axis fastest), which is the order task bodies receive their arguments in.
     */
    static Key[] keys(String name, int[] lo, int[] hi) {
        int rank = lo.length;
        int count = 1;
        for (int a = 0; a < rank; a++) {
            count *= hi[a] - lo[a] + 1;
        }
        Key[] keys = new Key[count];
        int[] cur = lo.clone();
        for (int k = 0; k < count; k++) {
            keys[k] = Key.of(name, cur);
            for (int a = rank - 1; a >= 0; a--) {
                if (cur[a] < hi[a]) {
                    cur[a]++;
                    break;
                }
                cur[a] = lo[a];
            }
        }
        return keys;
    }
}
