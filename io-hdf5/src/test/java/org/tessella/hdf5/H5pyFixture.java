package org.tessella.hdf5;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** The fixture written by h5py (src/test/resources/fixtures/README.md). */
final class H5pyFixture {
    private H5pyFixture() {
    }

    static Path path() {
        try {
            return Path.of(H5pyFixture.class.getResource("/fixtures/h5py_fixture.h5").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
