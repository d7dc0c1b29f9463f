package opsline.service;

import opsline.validation.Problems;
import opsline.validation.UserErrorCode;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;

/**
 * Everything about a service a person edits, as given: groups and dependencies by name and slug.
 *
 * @param group     the group's name, or null for none
 * @param dependsOn slugs of the services this one needs
 */
public record ServiceFields(
        String name,
        String slug,
        String description,
        String group,
        int position,
        boolean isPublic,
        String owner,
        List<Link> links,
        List<String> dependsOn,
        boolean autoIncidents) {

    private static final int MAX_LINKS = 20;
    private static final int MAX_DEPENDENCIES = 50;

    public ServiceFields {
        description = description == null ? "" : description.trim();
        name = name == null ? null : name.trim();
        group = group == null || group.isBlank() ? null : group.trim();
        owner = owner == null || owner.isBlank() ? null : owner.trim();
        links = links == null ? List.of() : List.copyOf(links);
        dependsOn = dependsOn == null ? List.of() : dependsOn.stream().distinct().toList();
    }

    /** These fields with a slug made from the name when none was given. */
    ServiceFields withDerivedSlug() {
        if (slug != null || name == null) {
            return this;
        }
        return new ServiceFields(name, slugOf(name), description, group, position, isPublic, owner, links, dependsOn, autoIncidents);
    }

    Problems validate() {
        Problems problems = new Problems()
                .text("name", name, 120)
                .slug("slug", slug)
                .optionalText("description", description, 2000)
                .optionalText("group", group, 100)
                .optionalText("owner", owner, 200);
        if (links.size() > MAX_LINKS) {
            problems.add("links", "A service can have at most " + MAX_LINKS + " links.", UserErrorCode.INVALID);
        }
        for (int i = 0; i < links.size(); i++) {
            problems.text("links." + i + ".title", links.get(i).title(), 100);
            problems.httpUrl("links." + i + ".url", links.get(i).url());
        }
        if (dependsOn.size() > MAX_DEPENDENCIES) {
            problems.add("dependsOn", "A service can depend on at most " + MAX_DEPENDENCIES + " services.",
                    UserErrorCode.INVALID);
        }
        return problems;
    }

    /** "Checkout API (EU)" becomes "checkout-api-eu". */
    static String slugOf(String name) {
        String ascii = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+)|(-+$)", "");
        return slug.length() > 64 ? slug.substring(0, 64).replaceAll("-+$", "") : slug;
    }
}
