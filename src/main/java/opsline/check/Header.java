package opsline.check;

import io.micronaut.serde.annotation.Serdeable;

/** An HTTP header a check sends. */
@Serdeable
public record Header(String name, String value) {
}
