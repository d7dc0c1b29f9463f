package opsline.check;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.env.Environment;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import opsline.AdminApiTest;
import opsline.Api;
import opsline.Json;
import opsline.security.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * {@code checkStateChanged} over graphql-transport-ws. The feed keeps no history, so each test first
 * pauses and resumes a canary check until its subscriber hears of it: from then on the subscription is
 * live, and the change under test cannot be missed for having come too early.
 */
@MicronautTest(transactional = false)
@Property(name = "opsline.checks.enabled", value = "false")
class CheckSubscriptionTest extends AdminApiTest {

    /** Generous: other builds share this machine. */
    private static final Duration WITHIN = Duration.ofSeconds(20);
    private static final String CHANGES = "$.payload.data.checkStateChanged";

    /** A second Opsline on the same database, as a scaled-out installation runs it. */
    static EmbeddedServer other;

    CheckApiFixtures checks;
    final List<GraphQLWsSubscriber> subscribers = new ArrayList<>();

    @BeforeAll
    static void startAnotherInstance() {
        other = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "micronaut.server.port", -1,
                "opsline.checks.enabled", "false"), Environment.TEST);
    }

    @AfterAll
    static void stopTheOtherInstance() {
        other.getApplicationContext().close();
    }

    @BeforeEach
    void setUp() {
        checks = new CheckApiFixtures(api, admin);
        createService(Map.of("name", "Canary"));
        createService(Map.of("name", "API"));
        createService(Map.of("name", "Web"));
        createService(Map.of("name", "Backoffice", "public", false));
    }

    @AfterEach
    void closeSubscribers() {
        subscribers.forEach(GraphQLWsSubscriber::close);
    }

    @Test
    void runCheckNow_thatChangesTheState_arrivesAsANextMessage() {
        String id = checks.failingAtOnce("api", "health");
        GraphQLWsSubscriber subscriber = subscribe(api, accounts.tokenFor(Role.VIEWER), null, "canary");

        checks.runNow(id);

        Json change = subscriber.awaitNext(WITHIN, "API's check going down", about("api", "DOWN"));
        assertThat(subscriber.protocol()).isEqualTo("graphql-transport-ws");
        assertThat(change.<String>read(CHANGES + ".check.name")).isEqualTo("health");
        assertThat(change.<Map<String, Object>>read(CHANGES + ".transition"))
                .containsEntry("from", "UNKNOWN").containsEntry("to", "DOWN").containsEntry("reason", "connection refused");
        assertThat(Instant.parse(change.read(CHANGES + ".transition.at"))).isBefore(Instant.now().plusSeconds(60));
    }

    @Test
    void pauseCheck_arrivesAsANextMessage() {
        String id = checks.failingAtOnce("api", "health");
        checks.runNow(id);
        GraphQLWsSubscriber subscriber = subscribe(api, accounts.tokenFor(Role.VIEWER), null, "canary");

        checks.pause(id);

        Json change = subscriber.awaitNext(WITHIN, "API's check paused", about("api", "PAUSED"));
        assertThat(change.<Map<String, Object>>read(CHANGES + ".transition")).containsEntry("from", "DOWN");
        assertThat(change.<String>read(CHANGES + ".transition.reason")).startsWith("paused by admin-");
    }

    @Test
    void anonymousSubscribers_followPublicServicesOnly_withoutChecksOrReasons() {
        String internal = checks.failingAtOnce("backoffice", "billing db");
        String visible = checks.failingAtOnce("web", "home page");
        GraphQLWsSubscriber subscriber = subscribe(api, null, null, "canary");

        checks.runNow(internal);
        checks.runNow(visible);

        Json change = subscriber.awaitNext(WITHIN, "Web's check going down", about("web", "DOWN"));
        assertThat(change.<Object>read(CHANGES + ".check")).isNull();
        assertThat(change.<Object>read(CHANGES + ".transition.reason")).isNull();
        assertThat(change.<Map<String, Object>>read(CHANGES + ".transition")).containsEntry("from", "UNKNOWN").containsEntry("to", "DOWN");
        // Changes arrive in order: had the non-public one been delivered, it would be here by now.
        assertThat(slugsOf(subscriber.nexts())).doesNotContain("backoffice");
    }

    @Test
    void signedInSubscribers_followEveryService_withChecksAndReasons() {
        String internal = checks.failingAtOnce("backoffice", "billing db");
        GraphQLWsSubscriber subscriber = subscribe(api, accounts.tokenFor(Role.VIEWER), null, "canary");

        checks.runNow(internal);

        Json change = subscriber.awaitNext(WITHIN, "Backoffice's check going down", about("backoffice", "DOWN"));
        assertThat(change.<String>read(CHANGES + ".check.name")).isEqualTo("billing db");
        assertThat(change.<String>read(CHANGES + ".transition.reason")).isEqualTo("connection refused");
    }

    @Test
    void serviceArgument_followsThatServiceOnly() {
        String elsewhere = checks.failingAtOnce("web", "home page");
        String followed = checks.failingAtOnce("api", "health");
        GraphQLWsSubscriber subscriber = subscribe(api, accounts.tokenFor(Role.VIEWER), "api", "api");

        checks.runNow(elsewhere);
        checks.runNow(followed);

        subscriber.awaitNext(WITHIN, "API's check going down", about("api", "DOWN"));
        assertThat(slugsOf(subscriber.nexts())).containsOnly("api");
    }

    @Test
    void anonymousSubscriber_namingANonPublicService_isAnsweredAsForAnUnknownOne() {
        GraphQLWsSubscriber subscriber = GraphQLWsSubscriber.connect(api.uri("/"), null, WITHIN);
        subscribers.add(subscriber);

        subscriber.subscribe("hidden", "subscription { checkStateChanged(service: \"backoffice\") { service { slug } } }");
        subscriber.subscribe("unknown", "subscription { checkStateChanged(service: \"nope\") { service { slug } } }");

        Json hidden = subscriber.await(WITHIN, "an error for the non-public service", message -> isErrorOf(message, "hidden"));
        Json unknown = subscriber.await(WITHIN, "an error for the unknown service", message -> isErrorOf(message, "unknown"));
        assertThat(hidden.<List<String>>read("$.payload[*].message")).containsExactly("No service has the slug 'backoffice'.");
        assertThat(unknown.<List<String>>read("$.payload[*].message")).containsExactly("No service has the slug 'nope'.");
    }

    @Test
    void changeMadeOnAnotherInstance_reachesSubscribersOfThisOne() {
        String id = checks.failingAtOnce("api", "health");
        GraphQLWsSubscriber subscriber = subscribe(api, null, null, "canary");

        Json run = new Api(other).run("checkapi-runNow", Map.of("id", id), admin);

        assertThat(run.<String>read("$.data.runCheckNow.check.state")).isEqualTo("DOWN");
        Json change = subscriber.awaitNext(WITHIN, "API's check going down on the other instance", about("api", "DOWN"));
        assertThat(change.<String>read(CHANGES + ".transition.from")).isEqualTo("UNKNOWN");
    }

    @Test
    void operationIds_belongToTheirConnection_soTwoClientsMayUseTheSameId() {
        String id = checks.failingAtOnce("api", "health");
        String operationId = "shared-" + UUID.randomUUID();
        GraphQLWsSubscriber first = subscribe(api, null, null, "canary", operationId);
        GraphQLWsSubscriber second = subscribe(api, null, null, "canary", operationId);

        checks.runNow(id);

        first.awaitNext(WITHIN, "API's check going down, on the first client", about("api", "DOWN"));
        second.awaitNext(WITHIN, "API's check going down, on the second client", about("api", "DOWN"));
    }

    @Test
    void operationId_isFreeAgainOnceItsConnectionHasClosed() {
        String id = checks.failingAtOnce("api", "health");
        String operationId = "reused-" + UUID.randomUUID();
        subscribe(api, null, null, "canary", operationId).close();
        GraphQLWsSubscriber reconnected = subscribe(api, null, null, "canary", operationId);

        checks.runNow(id);

        reconnected.awaitNext(WITHIN, "API's check going down", about("api", "DOWN"));
    }

    @Test
    void completeMessage_endsOnlyTheSendersOwnOperation() {
        String id = checks.failingAtOnce("api", "health");
        String operationId = UUID.randomUUID().toString();
        GraphQLWsSubscriber subscriber = subscribe(api, null, null, "canary", operationId);
        GraphQLWsSubscriber stranger = GraphQLWsSubscriber.connect(api.uri("/"), null, WITHIN);
        subscribers.add(stranger);

        stranger.complete(operationId);
        stranger.roundTrip(WITHIN);
        checks.runNow(id);
        checks.pause(id);

        subscriber.awaitNext(WITHIN, "API's check going down", about("api", "DOWN"));
        subscriber.awaitNext(WITHIN, "API's check paused after that", about("api", "PAUSED"));
    }

    /** Subscribes under an operation id of its own; see {@link #subscribe(Api, String, String, String, String)}. */
    private GraphQLWsSubscriber subscribe(Api instance, String token, String serviceFilter, String canaryService) {
        return subscribe(instance, token, serviceFilter, canaryService, UUID.randomUUID().toString());
    }

    /**
     * Subscribes on {@code instance} as operation {@code operationId}, then pauses and resumes a check of
     * {@code canaryService} until the subscriber hears of it.
     */
    private GraphQLWsSubscriber subscribe(Api instance, String token, String serviceFilter, String canaryService, String operationId) {
        String canary = canaryOf(canaryService);
        GraphQLWsSubscriber subscriber = GraphQLWsSubscriber.connect(instance.uri("/"), token, WITHIN);
        subscribers.add(subscriber);
        subscriber.subscribe(operationId, "subscription { checkStateChanged" + (serviceFilter == null ? "" : "(service: \"" + serviceFilter + "\")")
                + " { service { slug } check { name } transition { from to reason at } } }");
        Predicate<Json> canaryChange = message -> canaryService.equals(message.read(CHANGES + ".service.slug"))
                && Set.of("UNKNOWN", "PAUSED").contains(message.<String>read(CHANGES + ".transition.from"))
                && Set.of("UNKNOWN", "PAUSED").contains(message.<String>read(CHANGES + ".transition.to"));
        long deadline = System.nanoTime() + WITHIN.toNanos();
        boolean paused = false;
        while (subscriber.next(Duration.ofMillis(500), canaryChange).isEmpty()) {
            if (System.nanoTime() > deadline) {
                fail("the subscription did not go live within " + WITHIN.toSeconds() + " s; messages: " + subscriber.messages()
                        + (subscriber.closedWith() == null ? "" : "; the server closed the socket: " + subscriber.closedWith()));
            }
            if (paused) {
                checks.resume(canary);
            } else {
                checks.pause(canary);
            }
            paused = !paused;
        }
        return subscriber;
    }

    /** The id of the service's check named {@code canary}, made when the service has none. */
    private String canaryOf(String service) {
        Json found = api.graphql("query ($slug: String!) { service(slug: $slug) { checks { id name } } }", Map.of("slug", service), admin);
        List<String> ids = found.read("$.data.service.checks[?(@.name == 'canary')].id");
        return ids.isEmpty() ? checks.create(CheckApiFixtures.httpCheck(service, "canary", LoopbackTarget.refusedUrl(), Map.of())) : ids.get(0);
    }

    private static Predicate<Json> about(String slug, String to) {
        return message -> slug.equals(message.read(CHANGES + ".service.slug")) && to.equals(message.read(CHANGES + ".transition.to"));
    }

    private static boolean isErrorOf(Json message, String operationId) {
        return "error".equals(GraphQLWsSubscriber.type(message)) && operationId.equals(message.read("$.id"));
    }

    private static List<String> slugsOf(List<Json> messages) {
        return messages.stream().map(message -> message.<String>read(CHANGES + ".service.slug")).toList();
    }
}
