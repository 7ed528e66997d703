/**
 * HDF5 datasets as lazy chunked arrays, and block-by-block stores into HDF5 files.
 *
 * <p>The public entry points live here; every call into the native HDF5 library, every ND4J call and
 * every codec loop lives in {@link org.tessella.hdf5.kernel}. Errors about arguments (a missing file or
 * dataset, a group where a dataset was expected, an unsupported type, a shape mismatch, an existing dataset
 * without the overwrite option) are {@link org.tessella.hdf5.Hdf5ArgumentException}; failures of the file
 * or of the library (a truncated or corrupt file, a failed write) are {@link org.tessella.hdf5.Hdf5Exception}.
 * Both name the file and, where there is one, the dataset path.
 */
package org.tessella.hdf5;
