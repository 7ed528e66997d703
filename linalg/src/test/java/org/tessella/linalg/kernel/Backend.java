package org.tessella.linalg.kernel;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The three ways the tests reach a kernel: each backend directly (on inputs already in the compute type, as
 * {@link Kernels} hands them over) and through the dispatching façade.
 */
enum Backend {
    LAPACK, EJML, FACADE;

    Kernels.Qr qr(INDArray a) {
        switch (this) {
            case LAPACK: return LapackKernels.qr(a);
            case EJML: return EjmlKernels.qr(a);
            default: return Kernels.qr(a);
        }
    }

    Kernels.Svd svd(INDArray a) {
        switch (this) {
            case LAPACK: return LapackKernels.svd(a);
            case EJML: return EjmlKernels.svd(a);
            default: return Kernels.svd(a);
        }
    }

    INDArray singularValues(INDArray a) {
        switch (this) {
            case LAPACK: return LapackKernels.singularValues(a);
            case EJML: return EjmlKernels.singularValues(a);
            default: return Kernels.singularValues(a);
        }
    }

    INDArray cholesky(INDArray a) {
        switch (this) {
            case LAPACK: return LapackKernels.cholesky(a);
            case EJML: return EjmlKernels.cholesky(a);
            default: return Kernels.cholesky(a);
        }
    }

    Kernels.Lu lu(INDArray a) {
        switch (this) {
            case LAPACK: return LapackKernels.lu(a);
            case EJML: return EjmlKernels.lu(a);
            default: return Kernels.lu(a);
        }
    }

    /** b must be a matrix for the backends; the façade also takes vectors. */
    INDArray solve(INDArray a, INDArray b) {
        switch (this) {
            case LAPACK: return LapackKernels.solve(a, b);
            case EJML: return EjmlKernels.solve(a, b);
            default: return Kernels.solve(a, b);
        }
    }

    INDArray solveSpd(INDArray a, INDArray b) {
        switch (this) {
            case LAPACK: return LapackKernels.solveSpd(a, b);
            case EJML: return EjmlKernels.solveSpd(a, b);
            default: return Kernels.solveSpd(a, b);
        }
    }

    INDArray solveTriangular(INDArray a, INDArray b, boolean lower, boolean transpose, boolean unit) {
        switch (this) {
            case LAPACK: return LapackKernels.solveTriangular(a, b, lower, transpose, unit);
            case EJML: return EjmlKernels.solveTriangular(a, b, lower, transpose, unit);
            default: return Kernels.solveTriangular(a, b, lower, transpose, unit);
        }
    }

    INDArray inv(INDArray a) {
        switch (this) {
            case LAPACK: return LapackKernels.inv(a);
            case EJML: return EjmlKernels.inv(a);
            default: return Kernels.inv(a);
        }
    }

    /** Relative tolerance for reconstructions and orthonormality in a type. */
    static double tolerance(DataType type) {
        return type == DataType.DOUBLE ? 1e-12 : 2e-5;
    }
}
