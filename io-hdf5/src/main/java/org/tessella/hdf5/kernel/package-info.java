/**
 * Internal layer of io-hdf5: the only code that calls the HDF5 C library (through the JavaCPP presets),
 * ND4J and {@link java.util.zip}. Not API: the classes are public only so that the façade in
 * {@code org.tessella.hdf5} can use them.
 *
 * <p>Design, in short (details in {@code docs/design-notes.md}, section io-hdf5):
 * <ul>
 *   <li>{@link org.tessella.hdf5.kernel.H5Lock}: the bundled library is not thread-safe, so every call into it
 *       runs inside one JVM-wide lock. Nothing else (inflating, shuffling, copying, computing) runs inside it.</li>
 *   <li>{@link org.tessella.hdf5.kernel.H5File}: a file handle (try-with-resources) with the metadata, listing,
 *       attribute, hyperslab and raw-chunk operations. Handles are cheap (about 60 µs to open a file and a
 *       dataset), so lazy reads open and close one per batch of work instead of keeping files open between
 *       tasks; that also lets a store open the same file read-write.</li>
 *   <li>{@link org.tessella.hdf5.kernel.DatasetSource} / {@link org.tessella.hdf5.kernel.DatasetSink}: the
 *       seams between block logic and the file (read a hyperslab or a batch of raw chunks; write a hyperslab or
 *       a raw chunk), with implementations that open the file per call; tests wrap them in counting
 *       decorators.</li>
 *   <li>{@link org.tessella.hdf5.kernel.BlockReader} / {@link org.tessella.hdf5.kernel.BlockWriter}: one block
 *       of a dataset to or from an ND4J array in C order, through raw chunks and
 *       {@link org.tessella.hdf5.kernel.ChunkCodec} (deflate, shuffle) outside the lock where the filter
 *       pipeline allows it, through hyperslabs otherwise.</li>
 *   <li>{@link org.tessella.hdf5.kernel.H5Transaction}: a store that becomes visible only at commit: a new file
 *       under a temporary name renamed into place, or datasets staged in a file beside an existing one and
 *       copied into it ({@code H5Ocopy}, chunks as stored) and moved into place.</li>
 * </ul>
 */
package org.tessella.hdf5.kernel;
