package opsline.statuspage;

import opsline.Api;
import opsline.Json;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** The status page ({@code GET /}) as a browser asks for it, parsed with jsoup, read again until a change shows. */
public final class StatusPageReader {

    /** How soon a change must show on the page: events travel through PostgreSQL LISTEN/NOTIFY. */
    private static final Duration CHANGE_SHOWS_WITHIN = Duration.ofSeconds(1);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(50);

    private final Api api;

    public StatusPageReader(Api api) {
        this.api = api;
    }

    /** The page as it is now; fails unless it is answered 200. */
    public Document read() {
        Json response = api.get("/", "Accept", "text/html");
        assertThat(response.status()).as("GET /").isEqualTo(200);
        return Jsoup.parse(response.body(), api.uri("/").toString());
    }

    /** Reads the page every 50 ms until it meets the condition, for at most a second: the last page read, met or not. */
    public Document readUntil(Predicate<Document> condition) {
        return readUntil(CHANGE_SHOWS_WITHIN, condition);
    }

    /** The page once it meets the condition; fails when it has not within a second. */
    public Document await(String expectation, Predicate<Document> condition) {
        return await(CHANGE_SHOWS_WITHIN, expectation, condition);
    }

    /** The page once it meets the condition; fails, saying what it shows instead, when it has not within the time given. */
    public Document await(Duration within, String expectation, Predicate<Document> condition) {
        Document page = readUntil(within, condition);
        if (!condition.test(page)) {
            fail("the status page did not show " + expectation + " within " + within.toMillis() + " ms; it shows: "
                    + page.select("main").text());
        }
        return page;
    }

    public static Predicate<Document> shows(String serviceName) {
        return page -> page.select(".service-name").eachText().contains(serviceName);
    }

    public static Predicate<Document> showsStatus(String serviceName, String statusWords) {
        return page -> statusWords.equals(statusWordsOf(page, serviceName));
    }

    public static Optional<Element> serviceItem(Document page, String name) {
        return page.select("li.service").stream().filter(item -> item.select(".service-name").text().equals(name)).findFirst();
    }

    /** The words the page shows for the service's status, or null when it does not list the service. */
    public static String statusWordsOf(Document page, String name) {
        return serviceItem(page, name).map(item -> item.select(".service-status").text()).orElse(null);
    }

    private Document readUntil(Duration within, Predicate<Document> condition) {
        long deadline = System.nanoTime() + within.toNanos();
        Document page = read();
        while (!condition.test(page) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(POLL_INTERVAL.toNanos());
            page = read();
        }
        return page;
    }
}
