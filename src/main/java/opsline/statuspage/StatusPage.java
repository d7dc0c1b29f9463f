package opsline.statuspage;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import opsline.system.PageRenderer;

import java.util.Arrays;
import java.util.concurrent.CompletableFuture;

/** {@code GET /}: the public status page, from the cache, with an ETag for conditional requests. */
@Controller
class StatusPage {

    /** Caches may keep the page but must ask again each time; an unchanged page costs a 304. */
    private static final String CACHE_CONTROL = "public, no-cache";

    private final StatusPageCache cache;

    StatusPage(StatusPageCache cache) {
        this.cache = cache;
    }

    @Get(produces = MediaType.TEXT_HTML)
    CompletableFuture<HttpResponse<byte[]>> status(HttpRequest<?> request) {
        return cache.page().thenApply(page -> {
            if (matches(request.getHeaders().get(HttpHeaders.IF_NONE_MATCH), page.etag())) {
                return HttpResponse.<byte[]>notModified()
                        .header(HttpHeaders.ETAG, page.etag())
                        .header(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL);
            }
            return HttpResponse.ok(page.body())
                    .contentType(PageRenderer.HTML)
                    .header(HttpHeaders.ETAG, page.etag())
                    .header(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL);
        });
    }

    private static boolean matches(String ifNoneMatch, String etag) {
        return ifNoneMatch != null && Arrays.stream(ifNoneMatch.split(","))
                .map(String::trim)
                .anyMatch(candidate -> candidate.equals(etag) || candidate.equals("*") || candidate.equals("W/" + etag));
    }
}
