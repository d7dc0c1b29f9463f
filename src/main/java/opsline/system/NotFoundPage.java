package opsline.system;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.views.ModelAndView;

import java.util.Map;

/** Unknown addresses: a page for browsers, a JSON message for programs. */
@Controller
public class NotFoundPage {

    @Error(status = HttpStatus.NOT_FOUND, global = true)
    public HttpResponse<?> notFound(HttpRequest<?> request) {
        boolean browser = request.accept().stream().anyMatch(type -> type.getName().equals(MediaType.TEXT_HTML));
        if (browser) {
            return HttpResponse.notFound(new ModelAndView<>("error", Map.of(
                    "heading", "Page not found",
                    "message", "Nothing lives at " + request.getPath() + ".")));
        }
        return HttpResponse.notFound(Map.of("message", "Nothing lives at " + request.getPath() + "."));
    }
}
