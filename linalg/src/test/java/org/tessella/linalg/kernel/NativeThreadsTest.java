package org.tessella.linalg.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class NativeThreadsTest {

    /** The setting survives ND4J's initialization (which resets it) and is what OpenBLAS reports afterwards. */
    @Test
    void setBlasThreadsIsWhatOpenBlasReports() {
        int before = NativeThreads.blasThreads();
        try {
            NativeThreads.setBlasThreads(1);
            assertEquals(1, NativeThreads.blasThreads());
            assertEquals(1, org.bytedeco.openblas.global.openblas_nolapack.blas_get_num_threads(),
                    "ND4J's binding sees the same OpenBLAS");
            NativeThreads.setBlasThreads(2);
            assertEquals(2, NativeThreads.blasThreads());
        } finally {
            NativeThreads.setBlasThreads(before);
        }
    }

    @Test
    void limitSetsBothNativeThreadPools() {
        int blas = NativeThreads.blasThreads();
        int elementwise = NativeThreads.elementwiseThreads();
        try {
            NativeThreads.limit(1);
            assertEquals(1, NativeThreads.blasThreads());
            assertEquals(1, NativeThreads.elementwiseThreads());
            assertEquals(1, org.nd4j.linalg.factory.Nd4j.getEnvironment().maxMasterThreads());
        } finally {
            NativeThreads.setBlasThreads(blas);
            NativeThreads.setElementwiseThreads(elementwise);
        }
    }
}
