package org.tessella.hdf5.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.zip.DataFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ChunkCodecTest {

    @Test
    void shuffleGroupsBytesBySignificance() {
        // Two little-endian int16 0x0102 and 0x0304, then a stray byte past the last whole element.
        byte[] in = {0x02, 0x01, 0x04, 0x03, 0x7f};
        byte[] out = new byte[5];
        ChunkCodec.shuffle(in, out, 5, 2);
        assertArrayEquals(new byte[] {0x02, 0x04, 0x01, 0x03, 0x7f}, out);
    }

    @ParameterizedTest(name = "itemSize={0}, length={1}")
    @CsvSource({"1,0", "1,17", "2,2", "2,9", "4,4", "4,4099", "8,8", "8,65536", "8,70001", "4,16387"})
    void unshuffleInvertsShuffle(int itemSize, int length) {
        byte[] in = new byte[length];
        new SplittableRandom(7).nextBytes(in);
        byte[] shuffled = new byte[length];
        byte[] back = new byte[length];
        ChunkCodec.shuffle(in, shuffled, length, itemSize);
        ChunkCodec.unshuffle(shuffled, back, length, itemSize);
        assertArrayEquals(in, back);
        // Against the definition, element by element.
        int n = length / itemSize;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < itemSize; j++) {
                if (itemSize > 1 && n > 1 && shuffled[j * n + i] != in[i * itemSize + j]) {
                    throw new AssertionError("byte " + j + " of element " + i);
                }
            }
        }
    }

    @ParameterizedTest(name = "level={0}, length={1}")
    @CsvSource({"0,1000", "1,0", "4,1", "6,100000", "9,333333"})
    void inflateInvertsDeflate(int level, int length) throws DataFormatException {
        byte[] in = new byte[length];
        for (int i = 0; i < length; i++) {
            in[i] = (byte) (i / 100);
        }
        byte[] compressed = deflated(in, level);
        byte[] out = new byte[length];
        ChunkCodec.inflate(compressed, compressed.length, out, length);
        assertArrayEquals(in, out);
    }

    @Test
    void incompressibleDataStillRoundTrips() throws DataFormatException {
        byte[] in = new byte[50_000];
        new SplittableRandom(3).nextBytes(in);
        byte[] compressed = deflated(in, 9);
        assertTrue(compressed.length > in.length, "random bytes grow under deflate: " + compressed.length);
        assertEquals(-1, ChunkCodec.deflate(in, in.length, 9, ByteBuffer.allocate(in.length - 1)),
                "does not fit in fewer bytes than the input");
        byte[] out = new byte[in.length];
        ChunkCodec.inflate(compressed, compressed.length, out, in.length);
        assertArrayEquals(in, out);
    }

    /** Deflates into a heap buffer large enough for any input. */
    static byte[] deflated(byte[] in, int level) {
        ByteBuffer out = ByteBuffer.allocate(in.length + in.length / 100 + 64);
        int n = ChunkCodec.deflate(in, in.length, level, out);
        return Arrays.copyOf(out.array(), n);
    }

    @ParameterizedTest(name = "itemSize={0}")
    @ValueSource(ints = {1, 2, 4, 8})
    void fusedShuffleAndCopyMatchShuffleThenCopy(int itemSize) {
        int n = 1000;
        byte[] plain = new byte[n * itemSize];
        new SplittableRandom(itemSize).nextBytes(plain);
        byte[] planes = new byte[plain.length];
        ChunkCodec.shuffle(plain, planes, plain.length, itemSize);
        // Un-shuffle elements [100, 350) into a buffer at byte 24.
        ByteBuffer dst = ByteBuffer.allocate(24 + 250 * itemSize).order(ByteOrder.LITTLE_ENDIAN);
        ChunkCodec.unshuffleInto(planes, n, itemSize, 100, 250, dst, 24);
        assertArrayEquals(Arrays.copyOfRange(plain, 100 * itemSize, 350 * itemSize),
                Arrays.copyOfRange(dst.array(), 24, 24 + 250 * itemSize));
        // Shuffle them back into element positions [100, 350) of empty planes.
        byte[] rebuilt = new byte[plain.length];
        ChunkCodec.shuffleFrom(dst, 24, 250, rebuilt, n, itemSize, 100);
        for (int i = 100; i < 350; i++) {
            for (int j = 0; j < itemSize; j++) {
                assertEquals(planes[j * n + i], rebuilt[j * n + i], "element " + i + " byte " + j);
            }
        }
    }

    @Test
    void corruptOrShortStreamsAreRejected() {
        byte[] in = new byte[10_000];
        for (int i = 0; i < in.length; i++) {
            in[i] = (byte) (i % 13);
        }
        byte[] good = deflated(in, 6);
        byte[] out = new byte[in.length + 10];

        byte[] truncated = Arrays.copyOf(good, good.length / 2);
        assertThrows(DataFormatException.class, () -> ChunkCodec.inflate(truncated, truncated.length, out, in.length));

        byte[] garbage = good.clone();
        for (int i = 2; i < garbage.length; i += 3) {
            garbage[i] ^= 0x5a;
        }
        assertThrows(DataFormatException.class, () -> ChunkCodec.inflate(garbage, garbage.length, out, in.length));

        // A stream holding more bytes than the chunk should.
        assertThrows(DataFormatException.class, () -> ChunkCodec.inflate(good, good.length, out, in.length - 1));
        // Or fewer.
        assertThrows(DataFormatException.class, () -> ChunkCodec.inflate(good, good.length, out, in.length + 10));
    }
}
