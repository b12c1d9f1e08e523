package dev.layerbench.digest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * An immutable sha256 content digest, written {@code sha256:<64 lowercase hex>}.
 *
 * @param hex the 64 lowercase hexadecimal characters of the sha256 value
 * @see <a href="https://github.com/opencontainers/image-spec/blob/main/descriptor.md#digests">OCI descriptor digests</a>
 */
public record Digest(String hex) implements Comparable<Digest> {

    /** The only algorithm the project names content with. */
    public static final String SHA256 = "sha256";

    private static final String PREFIX = SHA256 + ":";
    private static final int HEX_LENGTH = 64;
    private static final HexFormat HEX = HexFormat.of();

    public Digest {
        if (hex == null || hex.length() != HEX_LENGTH || !isLowerHex(hex)) {
            throw new IllegalArgumentException("not a sha256 value (64 lowercase hex characters): " + quote(hex));
        }
    }

    /**
     * Parses {@code sha256:<64 lowercase hex>}.
     *
     * @throws IllegalArgumentException naming the text and what is wrong with it
     */
    public static Digest parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("not a digest: null");
        }
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("not a digest (expected sha256:<64 hex>): " + quote(text));
        }
        String algorithm = text.substring(0, colon);
        if (!SHA256.equals(algorithm)) {
            throw new IllegalArgumentException(
                    "unsupported digest algorithm " + quote(algorithm) + " in " + quote(text) + " (only sha256)");
        }
        String hex = text.substring(colon + 1);
        if (hex.length() != HEX_LENGTH || !isLowerHex(hex)) {
            throw new IllegalArgumentException("not a digest (expected sha256:<64 lowercase hex>): " + quote(text));
        }
        return new Digest(hex);
    }

    /** The digest of raw sha256 bytes. */
    public static Digest ofSha256Bytes(byte[] sha256) {
        if (sha256.length != HEX_LENGTH / 2) {
            throw new IllegalArgumentException("sha256 value must be 32 bytes, got " + sha256.length);
        }
        return new Digest(HEX.formatHex(sha256));
    }

    /** The digest of a byte array. */
    public static Digest of(byte[] content) {
        return ofSha256Bytes(Sha256.newDigest().digest(content));
    }

    /** The digest of everything left in a stream; the stream is read to its end but not closed. */
    public static Digest of(InputStream in) throws IOException {
        MessageDigest md = Sha256.newDigest();
        byte[] buffer = new byte[Sha256.BUFFER_SIZE];
        for (int n; (n = in.read(buffer)) >= 0; ) {
            md.update(buffer, 0, n);
        }
        return ofSha256Bytes(md.digest());
    }

    /**
     * The digest of a file's content. Reading and hashing overlap: a second thread reads ahead from the file while this
     * one hashes, so a file in page cache hashes at the speed of sha256 alone.
     */
    public static Digest of(Path file) throws IOException {
        return FileHasher.hash(file);
    }

    /** The algorithm, always {@code sha256}. */
    public String algorithm() {
        return SHA256;
    }

    /** The raw 32 bytes. */
    public byte[] bytes() {
        return HEX.parseHex(hex);
    }

    @Override
    public int compareTo(Digest other) {
        return hex.compareTo(other.hex);
    }

    /** {@code sha256:<hex>}, the form {@link #parse} reads. */
    @Override
    public String toString() {
        return PREFIX + hex;
    }

    private static boolean isLowerHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    private static String quote(String s) {
        if (s == null) {
            return "null";
        }
        String shown = s.length() > 80 ? s.substring(0, 80) + "…" : s;
        return "\"" + shown + "\"";
    }
}
