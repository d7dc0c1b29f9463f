package opsline.system;

import io.micronaut.core.io.Writable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.views.thymeleaf.ThymeleafViewsRenderer;
import jakarta.inject.Singleton;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Renders every HTML page to bytes before the response starts. Micronaut would otherwise render a view
 * while writing the body, where a template error can no longer become an error page and the browser
 * waits on a connection that never completes; here it fails the request like any other exception.
 */
@Singleton
public class PageRenderer {

    /** Parsed once: building a MediaType from a string on every response is measurably slow. */
    public static final MediaType HTML = MediaType.of("text/html;charset=utf-8");

    private final ThymeleafViewsRenderer<Map<String, Object>> views;

    PageRenderer(ThymeleafViewsRenderer<Map<String, Object>> views) {
        this.views = views;
    }

    /** The page {@code views/<view>.html} rendered with this model. */
    public byte[] render(String view, Map<String, Object> model, HttpRequest<?> request) {
        Writable writable = views.render(view, model, request);
        ByteArrayOutputStream html = new ByteArrayOutputStream(16 * 1024);
        try {
            writable.writeTo(html, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return html.toByteArray();
    }

    /** A response with the rendered page. */
    public MutableHttpResponse<byte[]> page(HttpStatus status, String view, Map<String, Object> model, HttpRequest<?> request) {
        return HttpResponse.<byte[]>status(status).contentType(HTML).body(render(view, model, request));
    }
}
