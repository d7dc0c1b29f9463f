package opsline.service;

import io.micronaut.core.annotation.Introspected;

import java.util.UUID;

/** One row of {@code service_dependency}: {@code serviceId} needs {@code dependsOnId}. */
@Introspected
public record DependencyEdge(UUID serviceId, UUID dependsOnId) {
}
