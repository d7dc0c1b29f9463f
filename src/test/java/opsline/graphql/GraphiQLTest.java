package opsline.graphql;

import io.micronaut.http.MediaType;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import opsline.Api;
import opsline.Json;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** GraphiQL must work on networks without internet access: everything it loads comes from Opsline itself. */
@MicronautTest(transactional = false)
class GraphiQLTest {

    private static final Set<String> JAVASCRIPT_TYPES = Set.of("application/javascript", "text/javascript");
    private static final String CSS_TYPE = "text/css";

    @Inject
    EmbeddedServer server;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(server);
    }

    @Test
    void graphiql_isAnHtmlPage() {
        Json response = api.get("/graphiql", "Accept", "text/html");

        assertThat(response.status()).isEqualTo(200);
        assertThat(MediaType.of(response.header("Content-Type")).getName()).isEqualTo(MediaType.TEXT_HTML);
        assertThat(graphiql().getElementById("graphiql")).isNotNull();
    }

    @Test
    void graphiql_loadsEveryScriptAndStylesheetFromOpsline() {
        Document page = graphiql();
        List<String> addresses = page.select("script[src], link[href]").stream()
                .map(element -> element.hasAttr("src") ? element.attr("src") : element.attr("href"))
                .toList();

        assertThat(page.select("script[src]")).isNotEmpty();
        assertThat(page.select("link[rel=stylesheet][href]")).isNotEmpty();
        assertThat(addresses).allSatisfy(address -> {
            URI uri = URI.create(address);
            assertThat(uri.getScheme()).as("scheme of %s", address).isNull();
            assertThat(uri.getHost()).as("host of %s", address).isNull();
        });
    }

    @Test
    void graphiql_scripts_answerJavaScript() {
        Elements scripts = graphiql().select("script[src]");

        assertThat(scripts).isNotEmpty();
        for (Element script : scripts) {
            Json asset = api.get(script.absUrl("src"));

            assertThat(asset.status()).as("GET %s", script.attr("src")).isEqualTo(200);
            assertThat(mediaTypeOf(asset)).as("Content-Type of %s", script.attr("src")).isIn(JAVASCRIPT_TYPES);
            assertThat(asset.body()).as("body of %s", script.attr("src")).isNotBlank();
        }
    }

    @Test
    void graphiql_stylesheets_answerCss() {
        Elements stylesheets = graphiql().select("link[rel=stylesheet][href]");

        assertThat(stylesheets).isNotEmpty();
        for (Element link : stylesheets) {
            Json asset = api.get(link.absUrl("href"));

            assertThat(asset.status()).as("GET %s", link.attr("href")).isEqualTo(200);
            assertThat(mediaTypeOf(asset)).as("Content-Type of %s", link.attr("href")).isEqualTo(CSS_TYPE);
            assertThat(asset.body()).as("body of %s", link.attr("href")).isNotBlank();
        }
    }

    private Document graphiql() {
        Json response = api.get("/graphiql", "Accept", "text/html");
        assertThat(response.status()).as("GET /graphiql").isEqualTo(200);
        return Jsoup.parse(response.body(), api.uri("/graphiql").toString());
    }

    private static String mediaTypeOf(Json response) {
        String header = response.header("Content-Type");
        assertThat(header).as("Content-Type").isNotNull();
        return MediaType.of(header).getName();
    }
}
