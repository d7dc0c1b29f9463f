package opsline.service;

/**
 * Which services a list shows.
 *
 * @param group         a group's name, or null for any
 * @param ungroupedOnly only services in no group
 * @param status        only services currently in this status, or null for any
 */
public record ServiceFilter(String group, boolean ungroupedOnly, ServiceStatus status) {

    public static final ServiceFilter ALL = new ServiceFilter(null, false, null);
}
