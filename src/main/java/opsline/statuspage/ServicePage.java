package opsline.statuspage;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.views.ModelAndView;
import opsline.graphql.PageQuery;
import opsline.security.Viewer;

import java.util.Map;

/** {@code GET /services/{slug}}: a public service's uptime, response times and recent changes. */
@Controller("/services/{slug}")
@ExecuteOn(TaskExecutors.BLOCKING)
class ServicePage {

    private static final String PAGE = "service";
    /** Rendered per request; a short shared cache absorbs bursts without hiding a change for long. */
    private static final String CACHE_CONTROL = "public, max-age=10";

    private final PageQuery pageQuery;

    ServicePage(PageQuery pageQuery) {
        this.pageQuery = pageQuery;
    }

    @Get(produces = MediaType.TEXT_HTML)
    HttpResponse<?> show(String slug, HttpRequest<?> request) {
        Map<String, Object> data = pageQuery.run(PAGE, Viewer.ANONYMOUS, Map.of("slug", slug), request).dataOrThrow(PAGE);
        if (data.get("service") == null) {
            return HttpResponse.notFound();
        }
        return HttpResponse.ok(new ModelAndView<>(PAGE, data)).header(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL);
    }
}
