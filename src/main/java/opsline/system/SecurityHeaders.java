package opsline.system;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * Headers every answer carries: browsers must not guess a type other than the one we send (a Markdown
 * export or a JSON error never runs as HTML), and the console, which holds forms that act, is never
 * shown inside another site's frame.
 */
@ServerFilter("/**")
class SecurityHeaders {

    @ResponseFilter
    void addTo(HttpRequest<?> request, MutableHttpResponse<?> response) {
        response.header("X-Content-Type-Options", "nosniff");
        response.header("Referrer-Policy", "strict-origin-when-cross-origin");
        if (request.getPath().startsWith("/console")) {
            response.header("X-Frame-Options", "DENY");
            response.header("Content-Security-Policy", "frame-ancestors 'none'");
        }
    }
}
