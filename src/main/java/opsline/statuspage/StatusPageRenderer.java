package opsline.statuspage;

import io.micronaut.core.io.Writable;
import io.micronaut.http.HttpRequest;
import io.micronaut.views.thymeleaf.ThymeleafViewsRenderer;
import jakarta.inject.Singleton;
import opsline.graphql.PageQuery;
import opsline.security.Viewer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;

/** Renders the public status page: {@code views/status.graphql} as the anonymous viewer, into {@code views/status.html}. */
@Singleton
class StatusPageRenderer {

    static final String PAGE = "status";

    private final PageQuery pageQuery;
    private final ThymeleafViewsRenderer<Map<String, Object>> views;
    private final Clock clock;

    StatusPageRenderer(PageQuery pageQuery, ThymeleafViewsRenderer<Map<String, Object>> views, Clock clock) {
        this.pageQuery = pageQuery;
        this.views = views;
        this.clock = clock;
    }

    RenderedPage render(long generation) {
        HttpRequest<?> request = HttpRequest.GET("/");
        Map<String, Object> data = pageQuery.run(PAGE, Viewer.ANONYMOUS, Map.of(), request).dataOrThrow(PAGE);
        Writable writable = views.render(PAGE, data, request);
        ByteArrayOutputStream html = new ByteArrayOutputStream(16 * 1024);
        try {
            writable.writeTo(html, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] body = html.toByteArray();
        return new RenderedPage(body, etagOf(body), generation, clock.instant());
    }

    private static String etagOf(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
