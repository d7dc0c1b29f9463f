package opsline.system;

import io.micronaut.http.HttpAttributes;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

import java.util.Map;

/**
 * Unknown addresses, and pages that found nothing (an empty 404): a page for browsers, a JSON message for
 * programs. This is a response filter on purpose, not a status route ({@code @Error(status = NOT_FOUND)}):
 * with Micronaut 4.10, a status route behind a POST whose body arrives after its headers (as the JDK
 * HTTP client sends it) builds an endless execution chain until the heap is gone
 * (micronaut-core#12940). A 404 that carries its own body, such as a ping to an unknown key, is left as it is.
 */
@ServerFilter("/**")
class NotFoundPage {

    private final PageRenderer pages;

    NotFoundPage(PageRenderer pages) {
        this.pages = pages;
    }

    @ResponseFilter
    void explain(HttpRequest<?> request, MutableHttpResponse<?> response) {
        boolean routeMissed = request.getAttribute(HttpAttributes.ROUTE_MATCH).isEmpty();
        if (response.status() != HttpStatus.NOT_FOUND || !(routeMissed || response.getBody().isEmpty())) {
            return;
        }
        String message = "Nothing lives at " + request.getPath() + ".";
        boolean browser = request.accept().stream().anyMatch(type -> type.getName().equals(MediaType.TEXT_HTML));
        if (browser) {
            byte[] page = pages.render("error", Map.of("heading", "Page not found", "message", message), request);
            response.<byte[]>body(page).contentType(PageRenderer.HTML);
        } else {
            response.body(Map.of("message", message)).contentType(MediaType.APPLICATION_JSON_TYPE);
        }
    }
}
