package opsline.system;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;

import java.util.Map;

/** Unknown addresses: a page for browsers, a JSON message for programs. */
@Controller
public class NotFoundPage {

    private final PageRenderer pages;

    NotFoundPage(PageRenderer pages) {
        this.pages = pages;
    }

    @Error(status = HttpStatus.NOT_FOUND, global = true)
    public HttpResponse<?> notFound(HttpRequest<?> request) {
        boolean browser = request.accept().stream().anyMatch(type -> type.getName().equals(MediaType.TEXT_HTML));
        if (browser) {
            return pages.page(HttpStatus.NOT_FOUND, "error", Map.of(
                    "heading", "Page not found",
                    "message", "Nothing lives at " + request.getPath() + "."), request);
        }
        return HttpResponse.notFound(Map.of("message", "Nothing lives at " + request.getPath() + "."));
    }
}
