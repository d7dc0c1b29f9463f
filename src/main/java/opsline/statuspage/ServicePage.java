package opsline.statuspage;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import opsline.graphql.PageQuery;
import opsline.security.Viewer;
import opsline.system.PageRenderer;

import java.util.Map;

/** {@code GET /services/{slug}}: a public service's uptime, response times and recent changes. */
@Controller("/services/{slug}")
@ExecuteOn(TaskExecutors.BLOCKING)
class ServicePage {

    private static final String PAGE = "service";
    /** Rendered per request; a short shared cache absorbs bursts without hiding a change for long. */
    private static final String CACHE_CONTROL = "public, max-age=10";

    private final PageQuery pageQuery;
    private final PageRenderer pages;

    ServicePage(PageQuery pageQuery, PageRenderer pages) {
        this.pageQuery = pageQuery;
        this.pages = pages;
    }

    @Get(produces = MediaType.TEXT_HTML)
    HttpResponse<?> show(String slug, HttpRequest<?> request) {
        Map<String, Object> data = pageQuery.run(PAGE, Viewer.ANONYMOUS, Map.of("slug", slug), request).dataOrThrow(PAGE);
        if (data.get("service") == null) {
            return HttpResponse.notFound();
        }
        return pages.page(HttpStatus.OK, PAGE, data, request).header(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL);
    }
}
