package opsline.check.probe;

import io.micronaut.serde.annotation.Serdeable;

/** One component of a Spring Boot Actuator or Micronaut health answer, such as {@code db} and its status. */
@Serdeable
public record HealthComponent(String name, String status) {

    public HealthComponent {
        name = Observation.storable(name);
        status = Observation.storable(status);
    }
}
