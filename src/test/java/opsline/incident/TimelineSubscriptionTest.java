package opsline.incident;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import opsline.Json;
import opsline.check.GraphQLWsSubscriber;
import opsline.security.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * {@code timelineEntryAdded} over graphql-transport-ws. The feed keeps no history, so each subscriber is
 * first sent public canary updates until it hears one: from then on it is live, and the entry under test
 * cannot be missed for having come too early.
 */
@MicronautTest(transactional = false)
@Property(name = "opsline.checks.enabled", value = "false")
class TimelineSubscriptionTest extends ResponderApiTest {

    /** Generous: other builds share this machine. */
    private static final Duration WITHIN = Duration.ofSeconds(20);
    private static final String ADDED = "$.payload.data.timelineEntryAdded";
    private static final String CANARY = "canary";

    String number;
    final List<GraphQLWsSubscriber> subscribers = new ArrayList<>();

    @BeforeEach
    void setUp() {
        number = incidents.declare("Checkout is failing", "P2");
    }

    @AfterEach
    void closeSubscribers() {
        subscribers.forEach(GraphQLWsSubscriber::close);
    }

    @Test
    void aSignedInSubscriber_receivesEachNewEntry_internalOnesIncluded() {
        GraphQLWsSubscriber subscriber = subscribe(accounts.tokenFor(Role.VIEWER), number);

        String id = incidents.addEntry(number, Map.of("kind", "NOTE", "body", "Database at **90%** CPU."));

        Json added = subscriber.awaitNext(WITHIN, "the note", withId(id));
        assertThat(added.<Map<String, Object>>read(ADDED)).containsAllEntriesOf(Map.of("kind", "NOTE", "body", "Database at **90%** CPU.",
                "visibility", "INTERNAL", "version", 1, "author", Map.of("name", nameOf(responder)), "incident", Map.of("number", number)));
        assertThat(added.<String>read(ADDED + ".bodyHtml")).contains("<strong>90%</strong>");
    }

    @Test
    void entriesOpslineWrites_arriveToo() {
        GraphQLWsSubscriber subscriber = subscribe(accounts.tokenFor(Role.VIEWER), number);

        incidents.acknowledge(number);

        Json added = subscriber.awaitNext(WITHIN, "the acknowledgement", message -> "STATUS_CHANGE".equals(message.read(ADDED + ".kind")));
        assertThat(added.<String>read(ADDED + ".body")).isEqualTo("Acknowledged by " + nameOf(responder) + ".");
    }

    @Test
    void anAnonymousSubscriber_receivesPublicEntriesOnly() {
        GraphQLWsSubscriber subscriber = subscribe(null, number);

        String note = incidents.addEntry(number, Map.of("kind", "NOTE", "body", "Looks like the database."));
        String update = incidents.postUpdate(number, "We have found the cause.");

        Json added = subscriber.awaitNext(WITHIN, "the public update", withId(update));
        assertThat(added.<String>read(ADDED + ".visibility")).isEqualTo("PUBLIC");
        // Entries arrive in order: had the internal note been delivered, it would be here by now.
        assertThat(idsOf(subscriber.nexts())).doesNotContain(note).contains(update);
    }

    @Test
    void aSubscriber_receivesTheEntriesOfItsIncidentOnly() {
        String other = incidents.declare("Search is slow", "P3");
        GraphQLWsSubscriber subscriber = subscribe(accounts.tokenFor(Role.VIEWER), number);

        String elsewhere = incidents.postUpdate(other, "Search is slow for some.");
        String here = incidents.postUpdate(number, "Checkout is failing for some.");

        subscriber.awaitNext(WITHIN, "the update of " + number, withId(here));
        assertThat(idsOf(subscriber.nexts())).doesNotContain(elsewhere);
    }

    @Test
    void anAnonymousSubscriber_toAnInternalIncident_isAnsweredAsForAnUnknownOne() {
        String internal = incidents.declare(Map.of("title", "Billing export stuck", "severity", "P3", "visibility", "INTERNAL"));
        GraphQLWsSubscriber subscriber = GraphQLWsSubscriber.connect(api.uri("/"), null, WITHIN);
        subscribers.add(subscriber);

        subscriber.subscribe("internal", query(internal));
        subscriber.subscribe("unknown", query("INC-999999"));

        Json hidden = subscriber.await(WITHIN, "an error for the internal incident", message -> isErrorOf(message, "internal"));
        Json unknown = subscriber.await(WITHIN, "an error for the unknown incident", message -> isErrorOf(message, "unknown"));
        assertThat(hidden.<List<String>>read("$.payload[*].message")).containsExactly("No incident is numbered '" + internal + "'.");
        assertThat(unknown.<List<String>>read("$.payload[*].message")).containsExactly("No incident is numbered 'INC-999999'.");
    }

    /** Subscribes to the incident's timeline, then posts canary updates until the subscriber hears one. */
    private GraphQLWsSubscriber subscribe(String token, String incident) {
        GraphQLWsSubscriber subscriber = GraphQLWsSubscriber.connect(api.uri("/"), token, WITHIN);
        subscribers.add(subscriber);
        subscriber.subscribe(UUID.randomUUID().toString(), query(incident));
        Predicate<Json> canary = message -> CANARY.equals(message.read(ADDED + ".body"));
        long deadline = System.nanoTime() + WITHIN.toNanos();
        while (subscriber.next(Duration.ofMillis(500), canary).isEmpty()) {
            if (System.nanoTime() > deadline) {
                fail("the subscription did not go live within " + WITHIN.toSeconds() + " s; messages: " + subscriber.messages()
                        + (subscriber.closedWith() == null ? "" : "; the server closed the socket: " + subscriber.closedWith()));
            }
            incidents.postUpdate(incident, CANARY);
        }
        return subscriber;
    }

    private static String query(String incident) {
        return "subscription { timelineEntryAdded(incidentNumber: \"" + incident + "\") { id kind body bodyHtml visibility version "
                + "author { name } incident { number } } }";
    }

    private static Predicate<Json> withId(String id) {
        return message -> id.equals(message.read(ADDED + ".id"));
    }

    private static List<String> idsOf(List<Json> messages) {
        return messages.stream().map(message -> message.<String>read(ADDED + ".id")).toList();
    }

    private static boolean isErrorOf(Json message, String operationId) {
        return "error".equals(GraphQLWsSubscriber.type(message)) && operationId.equals(message.read("$.id"));
    }
}
