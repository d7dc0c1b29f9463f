package opsline.console;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.sse.Event;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import opsline.event.EventFeed;
import opsline.incident.Incident;
import opsline.incident.Incidents;
import opsline.incident.Timeline;
import reactor.core.publisher.Flux;

import java.time.Duration;
import java.util.Optional;

/**
 * {@code GET /console/incidents/{number}/live}: server-sent events telling an open incident page that its
 * incident changed, on any instance, so its script can fetch the new timeline. Without JavaScript the
 * page simply does not update itself.
 */
@Controller("/console/incidents/{number}/live")
class LiveTimeline {

    private static final Duration KEEP_ALIVE = Duration.ofSeconds(25);

    private final Console console;
    private final Incidents incidents;
    private final EventFeed feed;

    LiveTimeline(Console console, Incidents incidents, EventFeed feed) {
        this.console = console;
        this.incidents = incidents;
        this.feed = feed;
    }

    @Get(produces = MediaType.TEXT_EVENT_STREAM)
    @ExecuteOn(TaskExecutors.BLOCKING)
    HttpResponse<?> changes(String number, HttpRequest<?> request) {
        Optional<SignedIn> signedIn = console.signedIn(request);
        if (signedIn.isEmpty()) {
            return HttpResponse.unauthorized();
        }
        Optional<Incident> incident = incidents.find(signedIn.get().viewer(), number);
        if (incident.isEmpty()) {
            return HttpResponse.notFound();
        }
        String subject = incident.get().id().toString();
        Flux<Event<String>> changes = Flux.merge(
                        feed.events(Timeline.ENTRY_ADDED), feed.events("incident.timeline_entry_redacted"), feed.events(Incidents.CHANGED))
                .filter(event -> subject.equals(event.subject()))
                .map(event -> Event.of(String.valueOf(event.id())).name("changed"));
        // The first keep-alive goes at once: the response's headers are only sent with the stream's first item.
        Flux<Event<String>> keepAlive = Flux.interval(Duration.ZERO, KEEP_ALIVE).map(tick -> Event.of("").comment("keep-alive"));
        return HttpResponse.ok(Flux.merge(changes, keepAlive)).contentType(MediaType.TEXT_EVENT_STREAM_TYPE)
                .header("Cache-Control", "no-store");
    }
}
