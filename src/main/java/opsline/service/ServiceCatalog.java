package opsline.service;

import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import opsline.event.Events;
import opsline.security.Role;
import opsline.security.Viewer;
import opsline.validation.Outcome;
import opsline.validation.Problems;
import opsline.validation.UniqueViolation;
import opsline.validation.UserErrorCode;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/** The services: who may see and change which, and the rules every change must keep. */
@Singleton
public class ServiceCatalog {

    private final ServiceRepository services;
    private final ServiceGroups groups;
    private final ServiceStatuses statuses;
    private final Events events;
    private final Clock clock;

    public ServiceCatalog(ServiceRepository services, ServiceGroups groups, ServiceStatuses statuses, Events events, Clock clock) {
        this.services = services;
        this.groups = groups;
        this.statuses = statuses;
        this.events = events;
        this.clock = clock;
    }

    /** The services the viewer may see that match the filter, in display order. */
    public List<Service> list(Viewer viewer, ServiceFilter filter) {
        UUID groupId = null;
        if (filter.group() != null) {
            Optional<ServiceGroup> group = groups.findByName(filter.group());
            if (group.isEmpty()) {
                return List.of();
            }
            groupId = group.get().id();
        }
        List<Service> found = services.listInDisplayOrder(viewer.seesInternal(), groupId, filter.ungroupedOnly());
        if (filter.status() == null) {
            return found;
        }
        Map<UUID, ServiceState> states = statuses.of(found);
        return found.stream().filter(service -> states.get(service.id()).status() == filter.status()).toList();
    }

    public Optional<Service> find(Viewer viewer, String slug) {
        return services.findBySlug(slug).filter(service -> visibleTo(viewer, service));
    }

    /** Services by id, whoever may see them: for callers that filter with {@link #visible}. */
    public List<Service> byIds(Collection<UUID> ids) {
        return ids.isEmpty() ? List.of() : services.findByIds(ids);
    }

    /** The services among these that the viewer may see, in the same order. */
    public List<Service> visible(Viewer viewer, Collection<Service> candidates) {
        return candidates.stream().filter(service -> visibleTo(viewer, service)).toList();
    }

    @Transactional
    public Outcome<Service> create(Viewer viewer, ServiceFields requested) {
        viewer.require(Role.ADMIN);
        ServiceFields fields = requested.withDerivedSlug();
        Problems problems = fields.validate();
        if (fields.slug() != null && services.findBySlug(fields.slug()).isPresent()) {
            problems.add("slug", "A service with the slug '" + fields.slug() + "' already exists.", UserErrorCode.TAKEN);
        }
        List<Service> dependencies = resolveDependencies(fields.dependsOn(), null, problems);
        if (problems.any()) {
            return problems.rejection();
        }
        Instant now = clock.instant();
        Service service = new Service(UUID.randomUUID(), fields.slug(), fields.name(), fields.description(),
                groups.idFor(fields.group()), fields.position(), fields.isPublic(), fields.owner(), fields.links(),
                null, null, null, null, fields.autoIncidents(), now, now);
        return saved(service, dependencies, "service.created", () -> services.save(service));
    }

    /** Applies {@code changes} to the service's current fields; fields the caller leaves alone keep their value. */
    @Transactional
    public Outcome<Service> update(Viewer viewer, String slug, UnaryOperator<ServiceFields> changes) {
        viewer.require(Role.ADMIN);
        Optional<Service> found = services.findBySlug(slug);
        if (found.isEmpty()) {
            return unknown(slug);
        }
        Service current = found.get();
        ServiceFields fields = changes.apply(fieldsOf(current));
        Problems problems = fields.validate();
        if (fields.slug() != null && !fields.slug().equals(slug) && services.findBySlug(fields.slug()).isPresent()) {
            problems.add("slug", "A service with the slug '" + fields.slug() + "' already exists.", UserErrorCode.TAKEN);
        }
        List<Service> dependencies = resolveDependencies(fields.dependsOn(), current, problems);
        if (problems.any()) {
            return problems.rejection();
        }
        Service changed = new Service(current.id(), fields.slug(), fields.name(), fields.description(),
                groups.idFor(fields.group()), fields.position(), fields.isPublic(), fields.owner(), fields.links(),
                current.overrideStatus(), current.overrideReason(), current.overrideBy(), current.overrideAt(),
                fields.autoIncidents(), current.createdAt(), clock.instant());
        return saved(changed, dependencies, "service.updated", () -> services.update(changed));
    }

    @Transactional
    public Outcome<String> delete(Viewer viewer, String slug) {
        viewer.require(Role.ADMIN);
        Optional<Service> found = services.findBySlug(slug);
        if (found.isEmpty()) {
            return unknown(slug);
        }
        services.delete(found.get());
        events.publish("service.deleted", slug, Map.of("name", found.get().name()));
        return Outcome.ok(slug);
    }

    @Transactional
    public Outcome<Service> setStatus(Viewer viewer, String slug, ServiceStatus status, String reason) {
        viewer.require(Role.RESPONDER);
        Problems problems = new Problems().text("reason", reason, 500);
        Optional<Service> found = services.findBySlug(slug);
        if (found.isEmpty()) {
            return unknown(slug);
        }
        if (problems.any()) {
            return problems.rejection();
        }
        Instant now = clock.instant();
        Service changed = services.update(found.get().withOverride(new StatusOverride(status, reason.trim(), viewer.name(), now), now));
        events.publish("service.status_set", slug, Map.of("status", status.name(), "reason", reason.trim()));
        return Outcome.ok(changed);
    }

    @Transactional
    public Outcome<Service> clearStatus(Viewer viewer, String slug) {
        viewer.require(Role.RESPONDER);
        Optional<Service> found = services.findBySlug(slug);
        if (found.isEmpty()) {
            return unknown(slug);
        }
        if (found.get().statusOverride() == null) {
            return Outcome.ok(found.get());
        }
        Service changed = services.update(found.get().withOverride(null, clock.instant()));
        events.publish("service.status_cleared", slug, Map.of());
        return Outcome.ok(changed);
    }

    private Outcome<Service> saved(Service service, List<Service> dependencies, String event, Runnable write) {
        try {
            write.run();
        } catch (DataAccessException e) {
            if (!UniqueViolation.causedBy(e)) {
                throw e;
            }
            // Two requests raced for the same slug; the loser hears it like any other taken slug.
            return Outcome.rejected("slug", "A service with the slug '" + service.slug() + "' already exists.", UserErrorCode.TAKEN);
        }
        services.clearDependencies(service.id());
        dependencies.forEach(dependency -> services.addDependency(service.id(), dependency.id()));
        events.publish(event, service.slug(), Map.of("name", service.name()));
        return Outcome.ok(services.findById(service.id()).orElseThrow());
    }

    private List<Service> resolveDependencies(List<String> slugs, Service dependent, Problems problems) {
        if (slugs.isEmpty()) {
            return List.of();
        }
        List<Service> found = services.findBySlugIn(slugs);
        Set<String> foundSlugs = found.stream().map(Service::slug).collect(Collectors.toSet());
        slugs.stream().filter(slug -> !foundSlugs.contains(slug)).forEach(slug ->
                problems.add("dependsOn", "No service has the slug '" + slug + "'.", UserErrorCode.NOT_FOUND));
        if (dependent != null) {
            for (Service dependency : found) {
                if (dependency.id().equals(dependent.id())) {
                    problems.add("dependsOn", "A service cannot depend on itself.", UserErrorCode.INVALID);
                } else if (services.dependsTransitively(dependency.id(), dependent.id())) {
                    problems.add("dependsOn", "'" + dependency.slug() + "' already depends on '" + dependent.slug()
                            + "', so this would make a cycle.", UserErrorCode.CONFLICT);
                }
            }
        }
        return found;
    }

    private ServiceFields fieldsOf(Service service) {
        List<UUID> dependencyIds = services.dependenciesOf(List.of(service.id())).stream().map(DependencyEdge::dependsOnId).toList();
        List<String> dependsOn = dependencyIds.isEmpty() ? List.of()
                : services.findByIds(dependencyIds).stream().map(Service::slug).toList();
        return new ServiceFields(service.name(), service.slug(), service.description(), groups.nameOf(service.groupId()),
                service.position(), service.isPublic(), service.owner(), service.links(), dependsOn, service.autoIncidents());
    }

    private static boolean visibleTo(Viewer viewer, Service service) {
        return service.isPublic() || viewer.seesInternal();
    }

    private static <T> Outcome<T> unknown(String slug) {
        return Outcome.rejected("service", "No service has the slug '" + slug + "'.", UserErrorCode.NOT_FOUND);
    }
}
