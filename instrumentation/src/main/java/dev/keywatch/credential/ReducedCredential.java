package dev.keywatch.credential;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * All the agent ever keeps of a credential: where it sat, a keyed fingerprint, its kind, a hint that
 * shows only the public prefix and the last four characters, and what is wrong with it. The raw value
 * is dropped by {@link CredentialReducer} before this object exists.
 */
public final class ReducedCredential {
    private final CredentialLocation location;
    private final String fingerprint;
    private final KeyKind kind;
    private final String hint;
    private final Set<HygieneFinding> findings;

    ReducedCredential(CredentialLocation location, String fingerprint, KeyKind kind, String hint,
                      Set<HygieneFinding> findings) {
        this.location = location;
        this.fingerprint = fingerprint;
        this.kind = kind;
        this.hint = hint;
        this.findings = findings.isEmpty()
                ? Collections.<HygieneFinding>emptySet()
                : Collections.unmodifiableSet(EnumSet.copyOf(findings));
    }

    public CredentialLocation location() {
        return location;
    }

    /** {@code kf_} and 8 hex digits; {@code null} when no key was present at all. */
    public String fingerprint() {
        return fingerprint;
    }

    public KeyKind kind() {
        return kind;
    }

    /** {@code sk-proj-…Ab3d}, or the empty string when hints are off or the key is too short to show any. */
    public String hint() {
        return hint;
    }

    public Set<HygieneFinding> findings() {
        return findings;
    }

    /** No key was sent: an empty value or a placeholder such as {@code Bearer None}. */
    public boolean isMissing() {
        for (HygieneFinding f : findings) {
            if (f.meansMissing()) return true;
        }
        return false;
    }

    /** A key was sent but damaged on the way: whitespace, quotes, a masked or truncated copy. */
    public boolean isMalformed() {
        return !isMissing() && !findings.isEmpty();
    }

    @Override
    public String toString() {
        return "ReducedCredential{" + location.label() + ", " + fingerprint + ", " + kind.label() + ", " + hint
                + ", " + findings + "}";
    }
}
