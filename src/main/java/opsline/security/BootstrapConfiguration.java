package opsline.security;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import jakarta.validation.constraints.Pattern;

/**
 * @param adminToken    {@code OPSLINE_BOOTSTRAP_ADMIN_TOKEN}: a secret that becomes an admin token at start-up
 * @param adminPassword {@code OPSLINE_BOOTSTRAP_ADMIN_PASSWORD}: the console password of user {@code admin},
 *                      set at start-up while it has none
 */
@ConfigurationProperties("opsline.bootstrap")
public record BootstrapConfiguration(
        @Nullable @Pattern(regexp = "^$|^.{16,}$", message = "OPSLINE_BOOTSTRAP_ADMIN_TOKEN must be at least 16 characters") String adminToken,
        @Nullable @Pattern(regexp = "^$|^.{12,}$", message = "OPSLINE_BOOTSTRAP_ADMIN_PASSWORD must be at least 12 characters") String adminPassword) {

    public boolean hasAdminPassword() {
        return adminPassword != null && !adminPassword.isBlank();
    }

    public boolean hasAdminToken() {
        return adminToken != null && !adminToken.isBlank();
    }
}
