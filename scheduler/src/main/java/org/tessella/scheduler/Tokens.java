package org.tessella.scheduler;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Deterministic names {@code op-token}: the token hashes the operation, its inputs' names and its
 * parameters, so the same expression written twice gets the same keys and shared work runs once.
 */
public final class Tokens {
    private static final AtomicLong UNIQUE = new AtomicLong();
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Tokens() {
    }

    /** {@code op-<16 hex digits of SHA-1 over op and parts>}. */
    public static String name(String op, Object... parts) {
        String text = op + '|' + Arrays.deepToString(parts);
        try {
            byte[] h = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
            char[] out = new char[16];
            for (int i = 0; i < 8; i++) {
                out[2 * i] = HEX[(h[i] >> 4) & 15];
                out[2 * i + 1] = HEX[h[i] & 15];
            }
            return op + '-' + new String(out);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is not available", e);
        }
    }

    /** A name no other array has (for in-memory data, which is not hashed by content). */
    public static String unique(String op) {
        return op + "-u" + Long.toHexString(System.nanoTime()) + Long.toHexString(UNIQUE.incrementAndGet());
    }
}
