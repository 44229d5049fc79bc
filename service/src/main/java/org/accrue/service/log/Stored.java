package org.accrue.service.log;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * How the log keeps a decision's input and result in a text column that SQLite and PostgreSQL share: deflated
 * (RFC 1951, fastest level) and base64-encoded, behind the marker {@code z1:}. A result of 12 KB of JSON takes
 * about 2 KB, which both databases write and log several times over; the record's hash covers the SHA-256 of
 * the bytes as they were, not as stored.
 */
final class Stored {
    private static final String MARKER = "z1:";

    private Stored() {
    }

    static String encode(byte[] bytes) {
        Deflater d = new Deflater(Deflater.BEST_SPEED, true);
        try {
            d.setInput(bytes);
            d.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 4 + 64);
            byte[] buffer = new byte[Math.max(1024, bytes.length / 2)];
            while (!d.finished()) {
                out.write(buffer, 0, d.deflate(buffer));
            }
            return MARKER + Base64.getEncoder().encodeToString(out.toByteArray());
        } finally {
            d.end();
        }
    }

    static String encode(String text) {
        return encode(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The bytes as they were; an {@link IllegalArgumentException} when the column does not hold what we wrote. */
    static byte[] decode(String stored) {
        if (!stored.startsWith(MARKER)) {
            throw new IllegalArgumentException("a stored input or result is not in the log's format");
        }
        Inflater i = new Inflater(true);
        try {
            byte[] raw = Base64.getDecoder().decode(stored.substring(MARKER.length()));
            // raw deflate (no zlib header) needs one byte past the end to finish: java.util.zip.Inflater's contract
            i.setInput(java.util.Arrays.copyOf(raw, raw.length + 1));
            ByteArrayOutputStream out = new ByteArrayOutputStream(stored.length() * 4);
            byte[] buffer = new byte[16 * 1024];
            while (!i.finished()) {
                int n = i.inflate(buffer);
                if (n == 0 && (i.needsInput() || i.needsDictionary())) {
                    throw new IllegalArgumentException("a stored input or result is cut short");
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("a stored input or result is damaged: " + e.getMessage());
        } finally {
            i.end();
        }
    }

    static String decodeText(String stored) {
        return new String(decode(stored), StandardCharsets.UTF_8);
    }
}
