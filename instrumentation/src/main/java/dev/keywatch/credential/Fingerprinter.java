package dev.keywatch.credential;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code kf_} + the first 8 hex digits of HMAC-SHA256(salt, key). Keyed, so that a fingerprint seen in
 * a dashboard cannot be checked against a guessed key without the salt; short, so that it is a label
 * and not a hash anyone could search for.
 */
public final class Fingerprinter {
    /** The built-in salt: the same everywhere, so one key has one fingerprint across every service. */
    public static final String DEFAULT_SALT = "keywatch-fingerprint-v1";

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final SecretKeySpec secret;
    private final ThreadLocal<Mac> macs;

    public Fingerprinter(String salt) {
        String effective = salt == null || salt.isEmpty() ? DEFAULT_SALT : salt;
        this.secret = new SecretKeySpec(effective.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    public String fingerprint(String normalisedKey) {
        byte[] digest = macs.get().doFinal(normalisedKey.getBytes(StandardCharsets.UTF_8));
        char[] out = new char[3 + 8];
        out[0] = 'k';
        out[1] = 'f';
        out[2] = '_';
        for (int i = 0; i < 4; i++) {
            out[3 + 2 * i] = HEX[(digest[i] >> 4) & 0xf];
            out[4 + 2 * i] = HEX[digest[i] & 0xf];
        }
        return new String(out);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(secret);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
