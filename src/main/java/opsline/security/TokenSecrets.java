package opsline.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/** Token secrets: 256 random bits, recognisable by their prefix, stored only as a SHA-256 hash. */
final class TokenSecrets {

    private static final String PREFIX = "opl_";
    private static final int HINT_LENGTH = 10;
    private static final SecureRandom RANDOM = new SecureRandom();

    private TokenSecrets() {
    }

    static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A random secret has enough entropy that a fast hash is safe; it also makes lookup by hash possible. */
    static byte[] hash(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    static String hint(String secret) {
        return secret.substring(0, Math.min(HINT_LENGTH, secret.length()));
    }
}
