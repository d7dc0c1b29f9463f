package opsline.system;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.NotBlank;

/**
 * This installation as the outside world sees it.
 *
 * @param name      {@code OPSLINE_SITE_NAME}, shown in the status page's title, for example {@code Acme}
 * @param publicUrl {@code OPSLINE_PUBLIC_URL}, the address people and jobs reach Opsline at, for links
 *                  and heartbeat ping URLs
 */
@ConfigurationProperties("opsline.site")
public record SiteConfiguration(@NotBlank String name, @NotBlank String publicUrl) {

    /** An absolute URL for a path of this installation. */
    public String url(String path) {
        return publicUrl.replaceAll("/+$", "") + path;
    }
}
