package opsline.system;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import opsline.ApiTest;
import opsline.Json;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(transactional = false)
class SecurityHeadersTest extends ApiTest {

    @ParameterizedTest
    @ValueSource(strings = {"/", "/history", "/feed.atom", "/graphql?query=%7B__typename%7D", "/incidents/INC-404", "/no-such-page"})
    void everyAnswer_forbidsTypeSniffing(String path) {
        Json answer = api.get(path);

        assertThat(answer.header("X-Content-Type-Options")).as("%s answered %d", path, answer.status()).isEqualTo("nosniff");
        assertThat(answer.header("Referrer-Policy")).isEqualTo("strict-origin-when-cross-origin");
        assertThat(answer.header("X-Frame-Options")).as("public pages may be framed").isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/console", "/console/login"})
    void consolePages_areNeverFramed(String path) {
        Json answer = api.get(path);

        assertThat(answer.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(answer.header("Content-Security-Policy")).isEqualTo("frame-ancestors 'none'");
    }
}
