package opsline.incident;

import io.micronaut.core.annotation.Introspected;
import opsline.service.ServiceStatus;

import java.util.UUID;

/** An open incident's impact on one service: what the service's status signal is made of. */
@Introspected
public record OpenImpact(UUID serviceId, ServiceStatus impact, long number, String title, Visibility visibility) {
}
