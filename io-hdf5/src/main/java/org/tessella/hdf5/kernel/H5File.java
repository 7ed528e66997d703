package org.tessella.hdf5.kernel;

import static org.bytedeco.hdf5.global.hdf5.*;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.bytedeco.hdf5.H5G_info_t;
import org.bytedeco.hdf5.H5L_info2_t;
import org.bytedeco.hdf5.H5O_info2_t;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacpp.ShortPointer;
import org.bytedeco.javacpp.SizeTPointer;
import org.tessella.hdf5.Hdf5ArgumentException;
import org.tessella.hdf5.Hdf5Exception;

/**
 * An open HDF5 file: metadata, listing, attributes, hyperslab and raw-chunk reads and writes, dataset creation
 * and link moves. Close it with try-with-resources.
 *
 * <p>Every method takes {@link H5Lock} for the native calls it makes and nothing else; callers that need
 * several calls to be atomic (open, read, close) wrap them in {@link H5Lock#call}, which is reentrant.
 * Dataset ids are opened on first use and kept until {@link #close()}; handles are cheap (about 60 µs to
 * open a file and a dataset), so lazy readers open one per batch of work rather than keeping files open
 * between tasks. HDF5 refuses to open a file read-write while it is open read-only in the same process,
 * which is a further reason not to keep read handles.
 *
 * <p>Paths inside the file are absolute ("/group/name"); a missing leading slash is added.
 */
public final class H5File implements AutoCloseable {
    /** How a file is opened. */
    public enum Mode {
        /** Read-only. */
        READ,
        /** Read and write. */
        READ_WRITE
    }

    private static long fileAccessList = -1; // guarded by H5Lock; shared for the life of the JVM
    private static long linkCreateList = -1; // guarded by H5Lock; creates intermediate groups

    private final Path path;
    private final Mode mode;
    private final Map<String, Long> openDatasets = new HashMap<>(); // guarded by H5Lock
    private long fileId; // guarded by H5Lock; -1 once closed

    private H5File(Path path, Mode mode, long fileId) {
        this.path = path;
        this.mode = mode;
        this.fileId = fileId;
    }

    /**
     * Opens an existing file.
     *
     * @throws Hdf5ArgumentException if the file does not exist, is a directory, or is not an HDF5 file
     * @throws Hdf5Exception         if the library cannot open it (truncated, corrupt, locked)
     */
    public static H5File open(Path path, Mode mode) {
        Path file = path.toAbsolutePath();
        if (!Files.exists(file)) {
            throw new Hdf5ArgumentException(file, null, "file does not exist: " + file + "; expected an existing HDF5 file");
        }
        if (Files.isDirectory(file)) {
            throw new Hdf5ArgumentException(file, null, "path is a directory: " + file + "; expected an HDF5 file");
        }
        return H5Lock.call(() -> {
            String name = file.toString();
            int accessible = H5Fis_accessible(name, fileAccessList());
            if (accessible == 0) {
                throw new Hdf5ArgumentException(file, null, "file is not an HDF5 file (no HDF5 signature): " + file
                        + "; expected a file written by HDF5");
            }
            long id = H5Fopen(name, mode == Mode.READ ? H5F_ACC_RDONLY : H5F_ACC_RDWR, fileAccessList());
            if (id < 0) {
                throw new Hdf5Exception(file, null, "cannot open the file (truncated, corrupt or locked): "
                        + H5Lock.errorStack(), null);
            }
            return new H5File(file, mode, id);
        });
    }

    /**
     * Creates a new file; fails if {@code path} exists.
     *
     * @throws Hdf5Exception if the library cannot create it
     */
    public static H5File create(Path path) {
        Path file = path.toAbsolutePath();
        return H5Lock.call(() -> {
            long id = H5Fcreate(file.toString(), H5F_ACC_EXCL, H5P_DEFAULT, fileAccessList());
            if (id < 0) {
                throw new Hdf5Exception(file, null, "cannot create the file: " + H5Lock.errorStack(), null);
            }
            return new H5File(file, Mode.READ_WRITE, id);
        });
    }

    private static long fileAccessList() {
        if (fileAccessList < 0) {
            long fapl = H5Pcreate(H5P_CLS_FILE_ACCESS_ID_g());
            // Keep HDF5's file locks (they protect against a concurrent writer in another process) but do not
            // fail on file systems where locking is disabled.
            H5Pset_file_locking(fapl, true, true);
            fileAccessList = fapl;
        }
        return fileAccessList;
    }

    private static long linkCreateList() {
        if (linkCreateList < 0) {
            long lcpl = H5Pcreate(H5P_CLS_LINK_CREATE_ID_g());
            H5Pset_create_intermediate_group(lcpl, 1);
            linkCreateList = lcpl;
        }
        return linkCreateList;
    }

    /** @return the absolute path of the file */
    public Path path() {
        return path;
    }

    /** @return how the file was opened */
    public Mode mode() {
        return mode;
    }

    /**
     * Normalizes a path inside a file: adds the leading slash, rejects empty components.
     *
     * @throws IllegalArgumentException for an empty path, "//", a trailing slash, "." or ".."
     */
    public static String normalize(String objectPath) {
        if (objectPath == null || objectPath.isEmpty()) {
            throw new IllegalArgumentException("path is empty: \"" + objectPath + "\"; expected a path such as /group/name");
        }
        String p = objectPath.startsWith("/") ? objectPath : "/" + objectPath;
        if (p.equals("/")) {
            return p;
        }
        for (String part : p.substring(1).split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                throw new IllegalArgumentException("path has an empty, \".\" or \"..\" component: \"" + objectPath
                        + "\"; expected a path such as /group/name");
            }
        }
        return p;
    }

    // ---------------------------------------------------------------------------------------------- listing

    /**
     * @return every group and dataset reachable from the root through hard links, each object once (the
     *     first path in name order), sorted by path; the root group itself is not listed
     */
    public List<H5Node> list() {
        return H5Lock.call(() -> {
            requireOpen();
            List<H5Node> out = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            H5O_info2_t info = new H5O_info2_t();
            try (info) {
                if (H5Oget_info_by_name3(fileId, "/", info, H5O_INFO_BASIC, H5P_DEFAULT) >= 0) {
                    seen.add(token(info));
                }
                walk("/", out, seen, info);
            }
            Collections.sort(out);
            return List.copyOf(out);
        });
    }

    private void walk(String group, List<H5Node> out, Set<String> seen, H5O_info2_t info) {
        for (String name : linkNames(group)) {
            String child = group.equals("/") ? "/" + name : group + "/" + name;
            try (H5L_info2_t link = new H5L_info2_t()) {
                if (H5Lget_info2(fileId, child, link, H5P_DEFAULT) < 0 || link.type() != H5L_TYPE_HARD) {
                    out.add(new H5Node(child, H5Node.Kind.OTHER));
                    continue;
                }
            }
            if (H5Oget_info_by_name3(fileId, child, info, H5O_INFO_BASIC, H5P_DEFAULT) < 0) {
                out.add(new H5Node(child, H5Node.Kind.OTHER));
                continue;
            }
            if (!seen.add(token(info))) {
                continue; // a second hard link to an object already listed (or a cycle)
            }
            int type = info.type();
            if (type == H5O_TYPE_GROUP) {
                out.add(new H5Node(child, H5Node.Kind.GROUP));
                walk(child, out, seen, info);
            } else if (type == H5O_TYPE_DATASET) {
                out.add(new H5Node(child, H5Node.Kind.DATASET));
            } else {
                out.add(new H5Node(child, H5Node.Kind.OTHER));
            }
        }
    }

    private static String token(H5O_info2_t info) {
        BytePointer bytes = new BytePointer(info.token());
        bytes.capacity(16);
        byte[] b = new byte[16];
        bytes.get(b);
        // The token is the object's address in the file; fileno is a per-open serial number, left out so that
        // tokens compare across opens of the same file.
        StringBuilder hex = new StringBuilder(32);
        for (byte x : b) {
            hex.append(Character.forDigit((x >> 4) & 0xf, 16)).append(Character.forDigit(x & 0xf, 16));
        }
        return hex.toString();
    }

    private List<String> linkNames(String group) {
        List<String> names = new ArrayList<>();
        try (H5G_info_t g = new H5G_info_t()) {
            if (H5Gget_info_by_name(fileId, group, g, H5P_DEFAULT) < 0) {
                throw failure(group, "cannot read the group");
            }
            for (long i = 0; i < g.nlinks(); i++) {
                long n = H5Lget_name_by_idx(fileId, group, H5_INDEX_NAME, H5_ITER_INC, i, (byte[]) null, 0, H5P_DEFAULT);
                if (n < 0) {
                    throw failure(group, "cannot read link " + i + " of the group");
                }
                byte[] buf = new byte[(int) n + 1];
                H5Lget_name_by_idx(fileId, group, H5_INDEX_NAME, H5_ITER_INC, i, buf, n + 1, H5P_DEFAULT);
                names.add(new String(buf, 0, (int) n, StandardCharsets.UTF_8));
            }
        }
        return names;
    }

    /**
     * @param objectPath a path inside the file
     * @return what it names, or null if nothing (or a dangling link) is there
     */
    public H5Node.Kind kind(String objectPath) {
        String p = normalize(objectPath);
        return H5Lock.call(() -> {
            requireOpen();
            return kindLocked(p);
        });
    }

    private H5Node.Kind kindLocked(String p) {
        if (!p.equals("/")) {
            // H5Lexists fails rather than answers false when an intermediate group is missing: walk the prefixes.
            int from = 1;
            while (true) {
                int slash = p.indexOf('/', from);
                String prefix = slash < 0 ? p : p.substring(0, slash);
                if (H5Lexists(fileId, prefix, H5P_DEFAULT) <= 0) {
                    return null;
                }
                if (slash < 0) {
                    break;
                }
                from = slash + 1;
            }
        }
        try (H5O_info2_t info = new H5O_info2_t()) {
            if (H5Oget_info_by_name3(fileId, p, info, H5O_INFO_BASIC, H5P_DEFAULT) < 0) {
                return null; // a dangling soft or external link
            }
            int type = info.type();
            return type == H5O_TYPE_GROUP ? H5Node.Kind.GROUP
                    : type == H5O_TYPE_DATASET ? H5Node.Kind.DATASET : H5Node.Kind.OTHER;
        }
    }

    /** @return true if a link (to anything) exists at {@code objectPath} */
    public boolean exists(String objectPath) {
        String p = normalize(objectPath);
        return H5Lock.call(() -> {
            requireOpen();
            if (p.equals("/")) {
                return true;
            }
            String parent = parent(p);
            if (!parent.equals("/") && kindLocked(parent) != H5Node.Kind.GROUP) {
                return false;
            }
            return H5Lexists(fileId, p, H5P_DEFAULT) > 0;
        });
    }

    private static String parent(String p) {
        int slash = p.lastIndexOf('/');
        return slash <= 0 ? "/" : p.substring(0, slash);
    }

    // --------------------------------------------------------------------------------------------- metadata

    /**
     * Reads a dataset's metadata.
     *
     * @throws Hdf5ArgumentException if nothing is at {@code datasetPath}, if it is a group or another kind of
     *     object, or if its element type is not supported
     */
    public DatasetInfo dataset(String datasetPath) {
        String p = normalize(datasetPath);
        return H5Lock.call(() -> {
            requireOpen();
            long d = datasetId(p);
            long type = H5Dget_type(d);
            long space = H5Dget_space(d);
            long dcpl = H5Dget_create_plist(d);
            try {
                if (type < 0 || space < 0 || dcpl < 0) {
                    throw failure(p, "cannot read the dataset's metadata");
                }
                H5Type t = H5Types.classify(type);
                if (t == null) {
                    throw new Hdf5ArgumentException(path, p, "dataset has an unsupported element type: "
                            + H5Types.describe(type) + "; expected one of " + supportedTypes());
                }
                long[] shape = shapeOf(space, p);
                int layoutCode = H5Pget_layout(dcpl);
                DatasetInfo.Layout layout = layoutCode == H5D_CHUNKED ? DatasetInfo.Layout.CHUNKED
                        : layoutCode == H5D_COMPACT ? DatasetInfo.Layout.COMPACT
                        : layoutCode == H5D_VIRTUAL ? DatasetInfo.Layout.VIRTUAL : DatasetInfo.Layout.CONTIGUOUS;
                long[] chunk = new long[0];
                List<DatasetInfo.Filter> filters = new ArrayList<>();
                List<String> names = new ArrayList<>();
                int level = -1;
                if (layout == DatasetInfo.Layout.CHUNKED) {
                    chunk = new long[shape.length];
                    if (H5Pget_chunk(dcpl, shape.length, chunk) != shape.length) {
                        throw failure(p, "cannot read the chunk shape");
                    }
                    int n = H5Pget_nfilters(dcpl);
                    for (int i = 0; i < n; i++) {
                        int[] flags = {0};
                        int[] values = new int[8];
                        int[] config = {0};
                        byte[] name = new byte[256];
                        try (SizeTPointer count = new SizeTPointer(1)) {
                            count.put(0, values.length);
                            int id = H5Pget_filter2(dcpl, i, flags, count, values, name.length, name, config);
                            names.add(cString(name));
                            if (id == H5Z_FILTER_DEFLATE) {
                                filters.add(DatasetInfo.Filter.DEFLATE);
                                level = count.get(0) > 0 ? values[0] : 6;
                            } else if (id == H5Z_FILTER_SHUFFLE) {
                                filters.add(DatasetInfo.Filter.SHUFFLE);
                            } else {
                                filters.add(DatasetInfo.Filter.OTHER);
                            }
                        }
                    }
                }
                boolean nativeBytes = t.itemSize() == 1 || H5Tequal(type, H5Types.memoryType(t)) > 0;
                String objectToken;
                try (H5O_info2_t info = new H5O_info2_t()) {
                    if (H5Oget_info3(d, info, H5O_INFO_BASIC) < 0) {
                        throw failure(p, "cannot read the dataset's object info");
                    }
                    objectToken = token(info);
                }
                return new DatasetInfo(p, shape, t, layout, chunk, filters, names, level, nativeBytes, objectToken);
            } finally {
                if (type >= 0) {
                    H5Tclose(type);
                }
                if (space >= 0) {
                    H5Sclose(space);
                }
                if (dcpl >= 0) {
                    H5Pclose(dcpl);
                }
            }
        });
    }

    private long[] shapeOf(long space, String p) {
        int kind = H5Sget_simple_extent_type(space);
        if (kind == H5S_SCALAR) {
            return new long[0];
        }
        if (kind != H5S_SIMPLE) {
            throw new Hdf5ArgumentException(path, p, "dataset has a null dataspace (no shape); expected a scalar or "
                    + "an N-dimensional dataset");
        }
        int rank = H5Sget_simple_extent_ndims(space);
        long[] dims = new long[rank];
        H5Sget_simple_extent_dims(space, dims, null);
        return dims;
    }

    private static String supportedTypes() {
        return Arrays.stream(H5Type.values()).map(H5Type::label).collect(Collectors.joining(", "));
    }

    private static String cString(byte[] bytes) {
        int n = 0;
        while (n < bytes.length && bytes[n] != 0) {
            n++;
        }
        return new String(bytes, 0, n, StandardCharsets.UTF_8);
    }

    /** Opens (or reuses) the dataset at {@code p}, with the argument errors for missing paths and groups. */
    private long datasetId(String p) {
        Long cached = openDatasets.get(p);
        if (cached != null) {
            return cached;
        }
        H5Node.Kind kind = kindLocked(p);
        if (kind == null) {
            throw new Hdf5ArgumentException(path, p, "dataset does not exist: " + p + "; expected one of "
                    + datasetsForMessage());
        }
        if (kind == H5Node.Kind.GROUP) {
            throw new Hdf5ArgumentException(path, p, "path names a group, not a dataset: " + p
                    + "; expected a dataset, for example one of " + datasetsForMessage());
        }
        if (kind != H5Node.Kind.DATASET) {
            throw new Hdf5ArgumentException(path, p, "path names neither a dataset nor a group: " + p
                    + "; expected a dataset");
        }
        long id = H5Dopen2(fileId, p, H5P_DEFAULT);
        if (id < 0) {
            throw failure(p, "cannot open the dataset");
        }
        openDatasets.put(p, id);
        return id;
    }

    private String datasetsForMessage() {
        List<String> all;
        try {
            all = list().stream().filter(n -> n.kind() == H5Node.Kind.DATASET).map(H5Node::path).toList();
        } catch (RuntimeException e) {
            return "(the file's datasets could not be listed: " + e.getMessage() + ")";
        }
        if (all.isEmpty()) {
            return "(none: the file has no datasets)";
        }
        int shown = Math.min(all.size(), 20);
        return all.subList(0, shown) + (all.size() > shown ? " and " + (all.size() - shown) + " more" : "");
    }

    /**
     * Reads the attributes of a group or dataset ("/" for the file's root attributes). Integers come back as
     * {@code Long} or {@code long[]} (uint64 as its two's-complement bits), floating point numbers as
     * {@code Double} or {@code double[]}, h5py booleans as {@code Boolean} or {@code boolean[]}, fixed and
     * variable-length strings as {@code String} or {@code String[]}; multi-dimensional attributes are
     * flattened in C order. Attributes of other types (compounds, references, ...) are left out.
     *
     * @return the attributes by name, sorted by name, unmodifiable
     * @throws Hdf5ArgumentException if nothing is at {@code objectPath}
     */
    public Map<String, Object> attributes(String objectPath) {
        String p = normalize(objectPath);
        return H5Lock.call(() -> {
            requireOpen();
            if (kindLocked(p) == null) {
                throw new Hdf5ArgumentException(path, p, "object does not exist: " + p
                        + "; expected a group or dataset, for example one of " + datasetsForMessage());
            }
            Map<String, Object> out = new TreeMap<>();
            try (H5O_info2_t info = new H5O_info2_t()) {
                if (H5Oget_info_by_name3(fileId, p, info, H5O_INFO_NUM_ATTRS, H5P_DEFAULT) < 0) {
                    throw failure(p, "cannot read the object's attributes");
                }
                long n = info.num_attrs();
                for (long i = 0; i < n; i++) {
                    long attr = H5Aopen_by_idx(fileId, p, H5_INDEX_NAME, H5_ITER_INC, i, H5P_DEFAULT, H5P_DEFAULT);
                    if (attr < 0) {
                        throw failure(p, "cannot open attribute " + i);
                    }
                    try {
                        long len = H5Aget_name(attr, 0, (byte[]) null);
                        byte[] name = new byte[(int) len + 1];
                        H5Aget_name(attr, len + 1, name);
                        Object value = readAttribute(attr, p);
                        if (value != null) {
                            out.put(cString(name), value);
                        }
                    } finally {
                        H5Aclose(attr);
                    }
                }
            }
            return Collections.unmodifiableMap(new LinkedHashMap<>(out));
        });
    }

    private Object readAttribute(long attr, String p) {
        long type = H5Aget_type(attr);
        long space = H5Aget_space(attr);
        try {
            int spaceKind = H5Sget_simple_extent_type(space);
            if (spaceKind != H5S_SCALAR && spaceKind != H5S_SIMPLE) {
                return null;
            }
            boolean scalar = spaceKind == H5S_SCALAR;
            long n = H5Sget_simple_extent_npoints(space);
            int cls = H5Tget_class(type);
            if (cls == H5T_INTEGER) {
                try (LongPointer buf = new LongPointer(Math.max(n, 1))) {
                    long mem = H5Tget_sign(type) == H5T_SGN_2 ? H5T_NATIVE_INT64_g() : H5T_NATIVE_UINT64_g();
                    check(H5Aread(attr, mem, buf), p, "cannot read an integer attribute");
                    long[] v = new long[(int) n];
                    buf.get(v);
                    return scalar ? (Object) v[0] : v;
                }
            }
            if (cls == H5T_FLOAT) {
                try (DoublePointer buf = new DoublePointer(Math.max(n, 1))) {
                    check(H5Aread(attr, H5T_NATIVE_DOUBLE_g(), buf), p, "cannot read a floating-point attribute");
                    double[] v = new double[(int) n];
                    buf.get(v);
                    return scalar ? (Object) v[0] : v;
                }
            }
            if (cls == H5T_ENUM && H5Types.classify(type) == H5Type.BOOL) {
                try (BytePointer buf = new BytePointer(Math.max(n, 1))) {
                    check(H5Aread(attr, H5Types.memoryType(H5Type.BOOL), buf), p, "cannot read a bool attribute");
                    boolean[] v = new boolean[(int) n];
                    for (int i = 0; i < n; i++) {
                        v[i] = buf.get(i) != 0;
                    }
                    return scalar ? (Object) v[0] : v;
                }
            }
            if (cls == H5T_STRING) {
                String[] v = readStrings(attr, type, (int) n, p);
                return scalar ? (Object) v[0] : v;
            }
            return null;
        } finally {
            H5Tclose(type);
            H5Sclose(space);
        }
    }

    private String[] readStrings(long attr, long fileType, int n, String p) {
        String[] out = new String[n];
        long mem = H5Tcopy(H5T_C_S1_g());
        try {
            H5Tset_cset(mem, H5Tget_cset(fileType));
            if (H5Tis_variable_str(fileType) > 0) {
                H5Tset_size(mem, H5T_VARIABLE);
                try (PointerPointer<BytePointer> ptrs = new PointerPointer<>(Math.max(n, 1))) {
                    check(H5Aread(attr, mem, ptrs), p, "cannot read a string attribute");
                    for (int i = 0; i < n; i++) {
                        BytePointer s = ptrs.get(BytePointer.class, i);
                        out[i] = s == null || s.isNull() ? "" : s.getString(StandardCharsets.UTF_8);
                    }
                    long space = H5Aget_space(attr);
                    H5Treclaim(mem, space, H5P_DEFAULT, ptrs);
                    H5Sclose(space);
                }
            } else {
                long size = H5Tget_size(fileType);
                H5Tset_size(mem, size);
                H5Tset_strpad(mem, H5Tget_strpad(fileType));
                try (BytePointer buf = new BytePointer(Math.max(size * n, 1))) {
                    check(H5Aread(attr, mem, buf), p, "cannot read a string attribute");
                    byte[] all = new byte[(int) (size * n)];
                    buf.get(all);
                    boolean spacePad = H5Tget_strpad(fileType) == H5T_STR_SPACEPAD;
                    for (int i = 0; i < n; i++) {
                        String s = cString(Arrays.copyOfRange(all, (int) (i * size), (int) ((i + 1) * size)));
                        out[i] = spacePad ? s.stripTrailing() : s;
                    }
                }
            }
        } finally {
            H5Tclose(mem);
        }
        return out;
    }

    // ----------------------------------------------------------------------------------------- reading data

    /**
     * Reads the hyperslab {@code [offset, offset + count)} of a dataset into native memory holding a C-order
     * array of shape {@code destShape} and the dataset's type, at {@code destOffset}.
     *
     * @param dest the address of element 0 of the destination array
     */
    public void readHyperslab(String datasetPath, long[] offset, long[] count, Pointer dest, long[] destShape,
            long[] destOffset) {
        String p = normalize(datasetPath);
        H5Lock.run(() -> {
            requireOpen();
            long d = datasetId(p);
            transfer(d, p, offset, count, dest, destShape, destOffset, false, null);
        });
    }

    /**
     * Writes native memory holding a C-order array of shape {@code srcShape}, from {@code srcOffset}, to the
     * hyperslab {@code [offset, offset + count)} of a dataset of type {@code type}.
     */
    public void writeHyperslab(String datasetPath, long[] offset, long[] count, Pointer src, long[] srcShape,
            long[] srcOffset, H5Type type) {
        String p = normalize(datasetPath);
        H5Lock.run(() -> {
            requireWritable();
            long d = datasetId(p);
            transfer(d, p, offset, count, src, srcShape, srcOffset, true, type);
        });
    }

    private void transfer(long d, String p, long[] offset, long[] count, Pointer mem, long[] memShape,
            long[] memOffset, boolean write, H5Type writeType) {
        for (long c : count) {
            if (c == 0) {
                return; // nothing to move; HDF5 rejects empty hyperslab selections
            }
        }
        long fileSpace = H5Dget_space(d);
        long memSpace = -1;
        long type = -1;
        try {
            H5Type t;
            if (write) {
                t = writeType;
            } else {
                type = H5Dget_type(d);
                t = H5Types.classify(type);
                if (t == null) {
                    throw new Hdf5ArgumentException(path, p, "dataset has an unsupported element type: "
                            + H5Types.describe(type) + "; expected one of " + supportedTypes());
                }
            }
            int rank = count.length;
            if (rank == 0) {
                memSpace = H5Screate(H5S_SCALAR);
            } else {
                memSpace = H5Screate_simple(rank, memShape, null);
                check(H5Sselect_hyperslab(fileSpace, H5S_SELECT_SET, offset, null, count, null), p,
                        "cannot select the hyperslab " + Arrays.toString(offset) + " + " + Arrays.toString(count));
                check(H5Sselect_hyperslab(memSpace, H5S_SELECT_SET, memOffset, null, count, null), p,
                        "cannot select the memory hyperslab");
            }
            long memType = H5Types.memoryType(t);
            if (write) {
                check(H5Dwrite(d, memType, memSpace, fileSpace, H5P_DEFAULT, mem), p,
                        "cannot write the hyperslab " + Arrays.toString(offset) + " + " + Arrays.toString(count));
            } else {
                check(H5Dread(d, memType, memSpace, fileSpace, H5P_DEFAULT, mem), p,
                        "cannot read the hyperslab " + Arrays.toString(offset) + " + " + Arrays.toString(count));
            }
        } finally {
            H5Sclose(fileSpace);
            if (memSpace >= 0) {
                H5Sclose(memSpace);
            }
            if (type >= 0) {
                H5Tclose(type);
            }
        }
    }

    /**
     * Reads chunks as stored (after the filter pipeline), in one hold of the lock.
     *
     * @param chunkOffsets element coordinates of each chunk's first element
     * @return one entry per offset, null where the chunk was never written (it reads as the fill value)
     */
    public List<RawChunk> readRawChunks(String datasetPath, List<long[]> chunkOffsets) {
        String p = normalize(datasetPath);
        return H5Lock.call(() -> {
            requireOpen();
            long d = datasetId(p);
            List<RawChunk> out = new ArrayList<>(chunkOffsets.size());
            long capacity = 0;
            BytePointer buf = null;
            // H5Dread_chunk stores a uint32_t filter mask through a pointer the presets declare as short*:
            // give it four bytes.
            try (IntPointer mask = new IntPointer(1); ShortPointer maskAsShort = new ShortPointer(mask);
                    LongPointer off = new LongPointer(Math.max(1, chunkOffsets.isEmpty() ? 1 : chunkOffsets.get(0).length))) {
                long[] size = {0};
                long[] address = {0};
                int[] infoMask = {0};
                for (long[] offset : chunkOffsets) {
                    // H5Dget_chunk_storage_size fails for never-written chunks of files with v1 B-tree chunk
                    // indexes (h5py's default); the address answers for every index type.
                    if (H5Dget_chunk_info_by_coord(d, offset, infoMask, address, size) < 0) {
                        throw failure(p, "cannot read the chunk at " + Arrays.toString(offset));
                    }
                    if (address[0] == -1L || size[0] == 0) { // HADDR_UNDEF: never written
                        out.add(null);
                        continue;
                    }
                    if (size[0] > Integer.MAX_VALUE - 64) {
                        throw failure(p, "chunk at " + Arrays.toString(offset) + " is stored in " + size[0]
                                + " bytes; expected at most " + (Integer.MAX_VALUE - 64));
                    }
                    if (size[0] > capacity) {
                        if (buf != null) {
                            buf.close();
                        }
                        capacity = Math.max(size[0], capacity * 2);
                        buf = new BytePointer(capacity);
                    }
                    off.put(offset);
                    mask.put(0, 0);
                    if (H5Dread_chunk(d, H5P_DEFAULT, off, maskAsShort, buf) < 0) {
                        throw failure(p, "cannot read the raw chunk at " + Arrays.toString(offset));
                    }
                    byte[] bytes = new byte[(int) size[0]];
                    buf.position(0).get(bytes);
                    out.add(new RawChunk(offset.clone(), bytes, mask.get()));
                }
            } finally {
                if (buf != null) {
                    buf.close();
                }
            }
            return out;
        });
    }

    // ----------------------------------------------------------------------------------------- writing data

    /**
     * Creates a dataset, with the intermediate groups it needs.
     *
     * @param chunkShape   file chunk shape, or null for a contiguous dataset; clipped to the shape. Ignored
     *                     (contiguous) for scalars and datasets with an empty axis, which HDF5 cannot chunk
     *                     with fixed dimensions
     * @param deflateLevel 0..9, or -1 for no deflate filter; needs chunks
     * @param shuffle      add the shuffle filter before deflate; needs chunks
     * @return the dataset's metadata as written
     * @throws Hdf5Exception if something already exists at {@code datasetPath}, or the library fails
     */
    public DatasetInfo createDataset(String datasetPath, long[] shape, H5Type type, long[] chunkShape,
            int deflateLevel, boolean shuffle) {
        String p = normalize(datasetPath);
        if (p.equals("/")) {
            throw new IllegalArgumentException("datasetPath is the root group: /; expected a path such as /name");
        }
        for (long s : shape) {
            if (s < 0) {
                throw new IllegalArgumentException("shape has a negative length: " + Arrays.toString(shape)
                        + "; expected lengths >= 0");
            }
        }
        if (deflateLevel < -1 || deflateLevel > 9) {
            throw new IllegalArgumentException("deflateLevel is out of range: " + deflateLevel
                    + "; expected 0..9, or -1 for no compression");
        }
        boolean empty = Arrays.stream(shape).anyMatch(s -> s == 0);
        long[] chunk = null;
        if (chunkShape != null && shape.length > 0 && !empty) {
            if (chunkShape.length != shape.length) {
                throw new IllegalArgumentException("chunkShape has the wrong rank: " + Arrays.toString(chunkShape)
                        + "; expected " + shape.length + " axes");
            }
            chunk = new long[shape.length];
            long bytes = type.itemSize();
            for (int i = 0; i < shape.length; i++) {
                if (chunkShape[i] <= 0) {
                    throw new IllegalArgumentException("chunkShape has a length < 1: " + Arrays.toString(chunkShape)
                            + "; expected lengths >= 1");
                }
                chunk[i] = Math.min(chunkShape[i], shape[i]);
                bytes *= chunk[i];
            }
            if (bytes > 0xFFFF_FFFFL - 1) {
                throw new IllegalArgumentException("chunkShape makes chunks of " + bytes + " bytes: "
                        + Arrays.toString(chunkShape) + "; expected chunks under 4 GiB (an HDF5 limit)");
            }
        } else if ((deflateLevel >= 0 || shuffle) && shape.length > 0 && !empty) {
            throw new IllegalArgumentException("deflate and shuffle need chunks: chunkShape is null; expected a chunk shape");
        }
        long[] finalChunk = chunk;
        return H5Lock.call(() -> {
            requireWritable();
            long space = shape.length == 0 ? H5Screate(H5S_SCALAR) : H5Screate_simple(shape.length, shape, null);
            long dcpl = H5Pcreate(H5P_CLS_DATASET_CREATE_ID_g());
            try {
                if (finalChunk != null) {
                    check(H5Pset_chunk(dcpl, finalChunk.length, finalChunk), p, "cannot set the chunk shape "
                            + Arrays.toString(finalChunk));
                    if (shuffle) {
                        check(H5Pset_shuffle(dcpl), p, "cannot add the shuffle filter");
                    }
                    if (deflateLevel >= 0) {
                        check(H5Pset_deflate(dcpl, deflateLevel), p, "cannot add the deflate filter");
                    }
                }
                long d = H5Dcreate2(fileId, p, H5Types.fileType(type), space, linkCreateList(), dcpl, H5P_DEFAULT);
                if (d < 0) {
                    throw failure(p, "cannot create the dataset");
                }
                openDatasets.put(p, d);
            } finally {
                H5Sclose(space);
                H5Pclose(dcpl);
            }
            return dataset(p);
        });
    }

    /**
     * Writes one chunk as stored: the bytes from {@code data}'s position to its limit, after the filters whose
     * bits are clear in {@code filterMask}. Edge chunks are stored whole (padded to the chunk shape). A heap
     * buffer is copied to native memory before the lock is taken; a direct one is passed as it is.
     */
    public void writeRawChunk(String datasetPath, long[] chunkOffset, int filterMask, ByteBuffer data) {
        String p = normalize(datasetPath);
        int length = data.remaining();
        BytePointer buf;
        if (data.isDirect()) {
            buf = new BytePointer(data); // views the buffer from its position; no copy, not owned
        } else {
            buf = new BytePointer(Math.max(length, 1));
            buf.put(data.array(), data.arrayOffset() + data.position(), length);
        }
        try {
            H5Lock.run(() -> {
                requireWritable();
                long d = datasetId(p);
                check(H5Dwrite_chunk(d, H5P_DEFAULT, (short) filterMask, chunkOffset, length, buf), p,
                        "cannot write the raw chunk at " + Arrays.toString(chunkOffset));
            });
        } finally {
            if (!data.isDirect()) {
                buf.close();
            }
        }
    }

    /**
     * Moves a link, creating intermediate groups at the destination.
     *
     * @throws Hdf5Exception if the source does not exist or the destination does
     */
    public void move(String from, String to) {
        String a = normalize(from);
        String b = normalize(to);
        H5Lock.run(() -> {
            requireWritable();
            closeDatasetsUnder(a);
            check(H5Lmove(fileId, a, fileId, b, linkCreateList(), H5P_DEFAULT), b, "cannot move " + a + " to " + b);
        });
    }

    /**
     * Copies an object of another open file to {@code to} in this one ({@code H5Ocopy}, default options:
     * attributes included, intermediate groups created). A chunked dataset's chunks are copied as stored, with
     * their filter masks: numeric data is neither decompressed nor compressed again, unless a chunk sits in the
     * chunk cache of an open source dataset (the library filters those again), so copy from a file opened
     * after the data was written.
     *
     * @throws Hdf5Exception if the source does not exist or the destination does
     */
    public void copyFrom(H5File source, String from, String to) {
        String a = normalize(from);
        String b = normalize(to);
        H5Lock.run(() -> {
            requireWritable();
            source.requireOpen();
            check(H5Ocopy(source.fileId, a, fileId, b, H5P_DEFAULT, linkCreateList()), b,
                    "cannot copy " + a + " of " + source.path + " to " + b);
        });
    }

    /** Removes a link (the object's space is not reclaimed; HDF5 never shrinks a file). */
    public void delete(String objectPath) {
        String p = normalize(objectPath);
        H5Lock.run(() -> {
            requireWritable();
            closeDatasetsUnder(p);
            check(H5Ldelete(fileId, p, H5P_DEFAULT), p, "cannot delete " + p);
        });
    }

    private void closeDatasetsUnder(String p) {
        openDatasets.entrySet().removeIf(e -> {
            if (e.getKey().equals(p) || e.getKey().startsWith(p.endsWith("/") ? p : p + "/")) {
                H5Dclose(e.getValue());
                return true;
            }
            return false;
        });
    }

    /** Flushes the library's buffers for this file to the operating system. */
    public void flush() {
        H5Lock.run(() -> {
            requireOpen();
            check(H5Fflush(fileId, H5F_SCOPE_LOCAL), null, "cannot flush the file");
        });
    }

    /** Closes the datasets opened through this handle, then the file. Idempotent. */
    @Override
    public void close() {
        H5Lock.run(() -> {
            if (fileId < 0) {
                return;
            }
            boolean ok = true;
            for (long d : openDatasets.values()) {
                ok &= H5Dclose(d) >= 0;
            }
            openDatasets.clear();
            ok &= H5Fclose(fileId) >= 0;
            fileId = -1;
            if (!ok) {
                throw new Hdf5Exception(path, null, "cannot close the file: " + H5Lock.errorStack(), null);
            }
        });
    }

    /** @return true until {@link #close()} */
    public boolean isOpen() {
        return H5Lock.call(() -> fileId >= 0);
    }

    // ---------------------------------------------------------------------------------------------- helpers

    private void requireOpen() {
        if (fileId < 0) {
            throw new IllegalStateException("file handle is closed: " + path + "; expected an open H5File");
        }
    }

    private void requireWritable() {
        requireOpen();
        if (mode != Mode.READ_WRITE) {
            throw new IllegalStateException("file is open read-only: " + path + "; expected Mode.READ_WRITE");
        }
    }

    private void check(int rc, String dataset, String what) {
        if (rc < 0) {
            throw failure(dataset, what);
        }
    }

    private Hdf5Exception failure(String dataset, String what) {
        return new Hdf5Exception(path, dataset, what + ": " + H5Lock.errorStack(), null);
    }

    @Override
    public String toString() {
        return "H5File[" + path + ", " + mode + "]";
    }
}
