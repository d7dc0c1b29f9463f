package opsline.statuspage;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import opsline.graphql.PageQuery;
import opsline.security.Viewer;
import opsline.system.PageRenderer;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * The public incident pages, as anonymous readers see them: {@code /incidents/{number}} with its status
 * updates, newest first, and {@code /history} of past incidents. Internal incidents do not exist here.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
class IncidentPages {

    private static final String CACHE_CONTROL = "public, max-age=10";

    private final PageQuery pageQuery;
    private final PageRenderer pages;

    IncidentPages(PageQuery pageQuery, PageRenderer pages) {
        this.pageQuery = pageQuery;
        this.pages = pages;
    }

    @Get(value = "/incidents/{number}", produces = MediaType.TEXT_HTML)
    HttpResponse<?> incident(String number, HttpRequest<?> request) {
        Map<String, Object> data = pageQuery.run("incident", Viewer.ANONYMOUS, Map.of("number", number), request).dataOrThrow("incident");
        if (data.get("incident") == null) {
            return HttpResponse.notFound();
        }
        return pages.page(HttpStatus.OK, "incident", data, request).header(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL);
    }

    @Get(value = "/history", produces = MediaType.TEXT_HTML)
    HttpResponse<?> history(HttpRequest<?> request, @Nullable @QueryValue String after) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("after", after);
        PageQuery.Result result = pageQuery.run("history", Viewer.ANONYMOUS, variables, request);
        if (!result.errors().isEmpty() && after != null) {
            return HttpResponse.seeOther(URI.create("/history"));  // a cursor from elsewhere: start from the newest
        }
        Map<String, Object> data = result.dataOrThrow("history");
        return pages.page(HttpStatus.OK, "history", data, request).header(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL);
    }
}
