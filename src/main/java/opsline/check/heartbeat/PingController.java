package opsline.check.heartbeat;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.nio.charset.StandardCharsets;

/**
 * The URLs cron jobs and backup scripts call with one {@code curl}: {@code /ping/{key}},
 * {@code /ping/{key}/fail}, {@code /ping/{key}/start}, by GET or POST (a POST body's first line is kept
 * in the result). The key is the secret; no token is needed.
 */
@Controller("/ping/{key}")
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.TEXT_PLAIN)
class PingController {

    private static final int MAX_BODY = 10_000;

    private final Heartbeats heartbeats;

    PingController(Heartbeats heartbeats) {
        this.heartbeats = heartbeats;
    }

    @Get
    HttpResponse<String> success(String key) {
        return answer(heartbeats.success(key, null));
    }

    @Post(consumes = MediaType.ALL)
    HttpResponse<String> successWithBody(String key, @Nullable @Body byte[] body) {
        return answer(heartbeats.success(key, text(body)));
    }

    @Get("/fail")
    HttpResponse<String> failure(String key) {
        return answer(heartbeats.failure(key, null));
    }

    @Post(value = "/fail", consumes = MediaType.ALL)
    HttpResponse<String> failureWithBody(String key, @Nullable @Body byte[] body) {
        return answer(heartbeats.failure(key, text(body)));
    }

    @Get("/start")
    HttpResponse<String> start(String key) {
        return answer(heartbeats.start(key));
    }

    @Post(value = "/start", consumes = MediaType.ALL)
    HttpResponse<String> startByPost(String key) {
        return answer(heartbeats.start(key));
    }

    private static HttpResponse<String> answer(Heartbeats.Answer answer) {
        return switch (answer) {
            case RECORDED -> HttpResponse.ok("OK\n");
            case STARTED -> HttpResponse.ok("OK, started\n");
            case PAUSED -> HttpResponse.ok("OK, but the check is paused: ping ignored\n");
            case UNKNOWN_KEY -> HttpResponse.<String>notFound().body("No check has this ping key.\n");
        };
    }

    private static String text(byte[] body) {
        if (body == null) {
            return null;
        }
        return new String(body, 0, Math.min(body.length, MAX_BODY), StandardCharsets.UTF_8);
    }
}
