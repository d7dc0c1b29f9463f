package opsline.service;

/**
 * One input to a service's status.
 *
 * @param source   where it comes from, for example {@code manual} or {@code check}
 * @param decisive true for a human's override, which decides the status alone
 */
public record StatusSignal(String source, ServiceStatus status, String reason, boolean decisive) {
}
