package opsline.system;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * @param enabled {@code OPSLINE_DEMO}: load a sample catalog into an empty installation at start-up
 */
@ConfigurationProperties("opsline.demo")
public record DemoConfiguration(boolean enabled) {
}
