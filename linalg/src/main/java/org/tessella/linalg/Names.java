package org.tessella.linalg;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * Deterministic layer names {@code op-token} (the rule of ndarray's package-private {@code Names}): the token hashes
 * the operation, its inputs' names and its parameters, so the same expression built twice shares its tasks.
 */
final class Names {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Names() {
    }

    static String of(String op, Object... parts) {
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
}
