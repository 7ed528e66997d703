package org.tessella.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.tessella.ndarray.ChunkedArray;
import org.tessella.ndarray.DType;
import org.tessella.scheduler.Key;
import org.tessella.scheduler.Scheduler;
import org.tessella.scheduler.Schedulers;
import org.tessella.scheduler.TaskFailedException;

/** Shared inputs and checks of the blocked-solver tests (dense ND4J references; fine in tests). */
final class BlockedChecks {
    private BlockedChecks() {
    }

    static double eps(DType dtype) {
        return dtype == DType.FLOAT32 ? 0x1p-23 : 0x1p-52;
    }

    /** {@code a} as a chunked array of {@code dtype} (a copy; the caller keeps {@code a} as the reference). */
    static ChunkedArray chunked(INDArray a, DType dtype, long... chunks) {
        return Mats.chunked(a.castTo(dtype.nd4j()), chunks);
    }

    /** {@code a} rounded to {@code dtype} and back to float64: the exact input the blocked code sees. */
    static INDArray rounded(INDArray a, DType dtype) {
        return a.castTo(dtype.nd4j()).castTo(DataType.DOUBLE);
    }

    /** Q diag(λ) Qᵀ with λ geometric from 1 down to 1/cond: symmetric positive definite, condition number cond. */
    static INDArray spd(int n, double cond, long seed) {
        INDArray q = Mats.orthonormal(n, n, seed);
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            s[i] = n == 1 ? 1 : Math.pow(cond, -(double) i / (n - 1));
        }
        INDArray a = q.mulRowVector(Nd4j.createFromArray(s)).mmul(q.transpose());
        return a.add(a.transpose()).muli(0.5).dup('c');
    }

    /** U diag(s) Vᵀ with random orthogonal U, V and s geometric from 1 to 1/cond: condition number cond. */
    static INDArray withCondition(int n, double cond, long seed) {
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            s[i] = n == 1 ? 1 : Math.pow(cond, -(double) i / (n - 1));
        }
        return Mats.withSpectrum(n, n, s, seed);
    }

    /** The computed result as float64. */
    static INDArray compute(ChunkedArray x) {
        return x.compute().castTo(DataType.DOUBLE);
    }

    /**
     * Computes every block of {@code x} on its own and checks it has exactly the shape the grid declares, and the
     * declared dtype.
     */
    static void assertBlocksMatchGrid(ChunkedArray x) {
        List<Key> keys = x.blockKeys();
        Scheduler.Result r = Schedulers.get().compute(x.graph(), keys);
        for (int i = 0; i < keys.size(); i++) {
            INDArray block = (INDArray) r.value(i);
            long[] expected = x.grid().blockShape(keys.get(i).index());
            assertArrayEquals(expected, block.shape(), "shape of block " + keys.get(i));
            assertEquals(x.dtype().nd4j(), block.dataType(), "dtype of block " + keys.get(i));
        }
    }

    /** {@code x.compute()} fails with a {@link LinAlgException} cause whose message contains {@code text}. */
    static void assertFailsAtCompute(ChunkedArray x, String text) {
        TaskFailedException e = assertThrows(TaskFailedException.class, x::compute);
        LinAlgException cause = assertInstanceOf(LinAlgException.class, e.getCause());
        assertEquals("a", cause.argument());
        assertTrue(cause.getMessage().contains(text), () -> "message " + cause.getMessage() + " lacks " + text);
    }

    static double norm(INDArray a) {
        return Mats.frob(a);
    }

    /** max |a_ij| over i &lt; j (above the diagonal). */
    static double aboveDiagonal(INDArray a) {
        double max = 0;
        for (int i = 0; i < a.size(0); i++) {
            for (int j = i + 1; j < a.size(1); j++) {
                max = Math.max(max, Math.abs(a.getDouble(i, j)));
            }
        }
        return max;
    }
}
