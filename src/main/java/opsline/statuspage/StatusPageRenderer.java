package opsline.statuspage;

import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import opsline.graphql.PageQuery;
import opsline.security.Viewer;
import opsline.system.PageRenderer;

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
    private final PageRenderer pages;
    private final Clock clock;

    StatusPageRenderer(PageQuery pageQuery, PageRenderer pages, Clock clock) {
        this.pageQuery = pageQuery;
        this.pages = pages;
        this.clock = clock;
    }

    RenderedPage render(long generation) {
        HttpRequest<?> request = HttpRequest.GET("/");
        Map<String, Object> data = pageQuery.run(PAGE, Viewer.ANONYMOUS, Map.of(), request).dataOrThrow(PAGE);
        byte[] body = pages.render(PAGE, data, request);
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
