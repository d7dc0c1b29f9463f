package opsline.security;

/** A token just issued, with the secret that exists nowhere else. */
public record IssuedToken(ApiToken token, String secret) {
}
