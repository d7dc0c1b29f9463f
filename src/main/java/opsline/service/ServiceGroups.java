package opsline.service;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import opsline.event.Events;
import opsline.security.Role;
import opsline.security.Viewer;
import opsline.validation.Outcome;
import opsline.validation.Problems;
import opsline.validation.UserErrorCode;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** The headings services are listed under. */
@Singleton
public class ServiceGroups {

    private static final int MAX_NAME = 100;

    private final ServiceGroupRepository groups;
    private final ServiceRepository services;
    private final Events events;
    private final Clock clock;

    public ServiceGroups(ServiceGroupRepository groups, ServiceRepository services, Events events, Clock clock) {
        this.groups = groups;
        this.services = services;
        this.events = events;
        this.clock = clock;
    }

    /** Groups in display order; anonymous viewers see only groups that hold a public service. */
    public List<ServiceGroup> list(Viewer viewer) {
        List<ServiceGroup> all = groups.listInDisplayOrder();
        if (viewer.seesInternal() || all.isEmpty()) {
            return all;
        }
        Set<UUID> withPublicServices = services.findByGroupIds(all.stream().map(ServiceGroup::id).toList()).stream()
                .filter(Service::isPublic)
                .map(Service::groupId)
                .collect(Collectors.toSet());
        return all.stream().filter(group -> withPublicServices.contains(group.id())).toList();
    }

    public List<ServiceGroup> byIds(Collection<UUID> ids) {
        return groups.findByIds(ids);
    }

    Optional<ServiceGroup> findByName(String name) {
        return groups.findByName(name);
    }

    String nameOf(UUID groupId) {
        return groupId == null ? null : groups.findById(groupId).map(ServiceGroup::name).orElse(null);
    }

    /** The id of the group with this name, created when it does not exist yet; null for no group. */
    UUID idFor(String name) {
        if (name == null) {
            return null;
        }
        return groups.findByName(name).orElseGet(() -> insert(name, 0)).id();
    }

    @Transactional
    public Outcome<ServiceGroup> create(Viewer viewer, String name, Integer position) {
        viewer.require(Role.ADMIN);
        Problems problems = new Problems().text("name", name, MAX_NAME);
        if (!problems.any() && groups.findByName(name.trim()).isPresent()) {
            problems.add("name", "A group named '" + name.trim() + "' already exists.", UserErrorCode.TAKEN);
        }
        if (problems.any()) {
            return problems.rejection();
        }
        return Outcome.ok(insert(name.trim(), position == null ? 0 : position));
    }

    @Transactional
    public Outcome<ServiceGroup> update(Viewer viewer, String currentName, String newName, Integer newPosition) {
        viewer.require(Role.ADMIN);
        Optional<ServiceGroup> found = groups.findByName(currentName);
        if (found.isEmpty()) {
            return unknown(currentName);
        }
        ServiceGroup group = found.get();
        String name = newName == null ? group.name() : newName.trim();
        Problems problems = new Problems().text("name", name, MAX_NAME);
        Optional<ServiceGroup> sameName = problems.any() ? Optional.empty() : groups.findByName(name);
        if (sameName.isPresent() && !sameName.get().id().equals(group.id())) {
            problems.add("name", "A group named '" + name + "' already exists.", UserErrorCode.TAKEN);
        }
        if (problems.any()) {
            return problems.rejection();
        }
        ServiceGroup changed = groups.update(new ServiceGroup(group.id(), name,
                newPosition == null ? group.position() : newPosition, group.createdAt(), clock.instant()));
        events.publish("group.updated", changed.name(), Map.of());
        return Outcome.ok(changed);
    }

    @Transactional
    public Outcome<String> delete(Viewer viewer, String name) {
        viewer.require(Role.ADMIN);
        Optional<ServiceGroup> found = groups.findByName(name);
        if (found.isEmpty()) {
            return unknown(name);
        }
        groups.delete(found.get());
        events.publish("group.deleted", found.get().name(), Map.of());
        return Outcome.ok(found.get().name());
    }

    private ServiceGroup insert(String name, int position) {
        Instant now = clock.instant();
        ServiceGroup group = groups.save(new ServiceGroup(UUID.randomUUID(), name, position, now, now));
        events.publish("group.created", name, Map.of());
        return group;
    }

    private static <T> Outcome<T> unknown(String name) {
        return Outcome.rejected("group", "No group is named '" + name + "'.", UserErrorCode.NOT_FOUND);
    }
}
