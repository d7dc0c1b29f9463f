package opsline.system;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A POST whose body arrives after its headers, as the JDK HTTP client and many proxies send it, to an
 * address that answers 404. With a status route for 404 Micronaut never answered such a request and
 * filled the heap; Opsline must answer it like any other (see NotFoundPage).
 */
@MicronautTest(transactional = false)
class SplitBodyRequestsTest {

    private static final int ANSWER_TIMEOUT_MILLIS = 5_000;

    @Inject
    EmbeddedServer server;

    @ParameterizedTest
    @ValueSource(strings = {"/ping/no-such-key/fail", "/no/such/path", "/console/incidents/INC-999/entries"})
    void aPostWhoseBodyComesLate_isAnswered(String path) throws IOException, InterruptedException {
        for (int attempt = 0; attempt < 5; attempt++) {
            assertThat(statusLineOf(path)).as("attempt %d at %s", attempt, path).startsWith("HTTP/1.1 ");
        }
    }

    private String statusLineOf(String path) throws IOException, InterruptedException {
        byte[] body = "backup failed: disk full\n".getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket(server.getHost(), server.getPort())) {
            socket.setSoTimeout(ANSWER_TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\nContent-Length: " + body.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread.sleep(300);
            out.write(body);
            out.flush();
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
        }
    }
}
