package dev.keywatch.capture;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

/** A bounded copy of the first bytes of an error body, taken as the application reads them. */
public final class BodySnippet {
    /** Most error bodies are a few hundred bytes: the copy starts this small and grows up to its bound. */
    private static final int INITIAL_BYTES = 512;

    private final int max;
    private byte[] bytes;
    private int length;
    private boolean overflowed;

    public BodySnippet(int maxBytes) {
        this.max = Math.max(0, maxBytes);
        this.bytes = new byte[Math.min(max, INITIAL_BYTES)];
    }

    /** Copies from a buffer without moving its position. Returns true once the snippet is full. */
    public synchronized boolean append(ByteBuffer buffer) {
        ByteBuffer view = buffer.duplicate();
        int n = Math.min(view.remaining(), max - length);
        ensureRoom(n);
        view.get(bytes, length, n);
        length += n;
        if (view.hasRemaining()) overflowed = true;
        return isFull();
    }

    public synchronized boolean append(byte[] source, int offset, int count) {
        int n = Math.min(count, max - length);
        if (n > 0) {
            ensureRoom(n);
            System.arraycopy(source, offset, bytes, length, n);
            length += n;
        }
        if (count > n) overflowed = true;
        return isFull();
    }

    public synchronized boolean append(int oneByte) {
        if (length < max) {
            ensureRoom(1);
            bytes[length++] = (byte) oneByte;
        } else {
            overflowed = true;
        }
        return isFull();
    }

    private void ensureRoom(int n) {
        if (length + n > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.min(max, Math.max(length + n, bytes.length * 2)));
        }
    }

    /** How many more bytes the copy takes. */
    public synchronized int room() {
        return max - length;
    }

    public synchronized boolean isFull() {
        return length >= max;
    }

    public synchronized boolean truncated() {
        return overflowed || isFull();
    }

    public synchronized String text(String contentEncoding) {
        return decode(bytes, length, contentEncoding, max);
    }

    /** Decodes the copy as UTF-8, undoing gzip or deflate when the client did not; bounded, never throws. */
    public static String decode(byte[] data, int length, String contentEncoding, int maxChars) {
        if (length <= 0) {
            return "";
        }
        byte[] plain = data;
        int plainLength = length;
        if (contentEncoding != null && !contentEncoding.isEmpty() && !"identity".equalsIgnoreCase(contentEncoding.trim())) {
            String enc = contentEncoding.trim().toLowerCase(java.util.Locale.ROOT);
            if (!enc.equals("gzip") && !enc.equals("x-gzip") && !enc.equals("deflate")) {
                return null; // brotli or zstd: not worth a decoder in the agent
            }
            byte[] out = new byte[maxChars];
            int n = 0;
            try (InputStream in = enc.equals("deflate")
                    ? new InflaterInputStream(new ByteArrayInputStream(data, 0, length))
                    : new GZIPInputStream(new ByteArrayInputStream(data, 0, length))) {
                int r;
                while (n < out.length && (r = in.read(out, n, out.length - n)) > 0) {
                    n += r;
                }
            } catch (IOException e) {
                // A truncated stream still yields the bytes decoded so far.
            }
            plain = out;
            plainLength = n;
        }
        return new String(plain, 0, plainLength, StandardCharsets.UTF_8);
    }
}
