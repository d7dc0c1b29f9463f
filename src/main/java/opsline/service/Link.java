package opsline.service;

import io.micronaut.serde.annotation.Serdeable;

/** A titled link for responders: a dashboard, a repository, a runbook. */
@Serdeable
public record Link(String title, String url) {
}
