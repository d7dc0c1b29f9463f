package opsline.check.probe;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import opsline.check.CheckState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static opsline.check.probe.CheckBuilder.http;
import static opsline.check.probe.CheckBuilder.tls;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * TLS_CERT checks, and HTTPS checks' view of certificates, against local HTTPS servers. While these tests
 * run, the JVM's default trust is a test certificate authority, as an operator would install their own
 * CA: so a certificate can be trusted and still expire soon. Self-signed ones stay untrusted.
 */
@MicronautTest(transactional = false, startApplication = false)
@Property(name = "opsline.checks.enabled", value = "false")
class TlsCertProbeTest extends ProbeTest {

    private static final List<String> SERVED = List.of("self-signed", "self-signed-expired", "issued", "issued-expired", "issued-expiring");

    @TempDir
    static Path directory;
    private static TestCertificates certificates;
    private static final Map<String, LocalHttpServer> servers = new HashMap<>();
    private static SSLContext jvmDefault;

    @BeforeAll
    static void makeCertificatesAndServeThem() throws NoSuchAlgorithmException {
        certificates = new TestCertificates(directory);
        certificates.authority();
        certificates.selfSigned("self-signed", "-1d", 365);
        certificates.selfSigned("self-signed-expired", "-400d", 30);
        certificates.issued("issued", "ip:127.0.0.1", "-1d", 365);
        certificates.issued("issued-expired", "ip:127.0.0.1", "-400d", 30);
        certificates.issued("issued-expiring", "ip:127.0.0.1", "-10d", 13);
        for (String alias : SERVED) {
            servers.put(alias, LocalHttpServer.https(certificates.serverContext(alias)).on("/", LocalHttpServer.answer(200, "{}")));
        }
        jvmDefault = SSLContext.getDefault();
        SSLContext.setDefault(certificates.trustingTheAuthority());
    }

    @AfterAll
    static void restoreTrustAndStopServers() {
        SSLContext.setDefault(jvmDefault);
        servers.values().forEach(LocalHttpServer::close);
    }

    @ParameterizedTest(name = "{0} at {1}, warning {2} days: {3}")
    @CsvSource(delimiter = '|', textBlock = """
            self-signed         | 127.0.0.1 |   | DOWN     | certificate not trusted (self-signed or unknown issuer)
            self-signed-expired | 127.0.0.1 |   | DOWN     | certificate expired on {expiry}
            issued              | 127.0.0.1 |   | UP       | certificate valid until {expiry}
            issued              | localhost |   | DOWN     | certificate does not name this host
            issued-expired      | 127.0.0.1 |   | DOWN     | certificate expired on {expiry}
            issued-expiring     | 127.0.0.1 |   | DEGRADED | certificate expires on {expiry} (in 2 days)
            issued-expiring     | 127.0.0.1 | 2 | UP       | certificate valid until {expiry}
            """)
    void tlsCertCheck_judgesTheServersCertificate(String alias, String host, Integer warningDays, CheckState outcome, String message) {
        ProbeResult result = run(tls("tls://" + host + ":" + servers.get(alias).port()).certificateWarningDays(warningDays).build());

        assertThat(result.outcome()).isEqualTo(outcome);
        assertThat(result.message()).isEqualTo(message.replace("{expiry}", certificates.expiryDate(alias)));
    }

    @ParameterizedTest(name = "{0}, verify {1}, warning {2} days: {3}")
    @CsvSource(delimiter = '|', textBlock = """
            self-signed         | true  |    | DOWN     | TLS error: certificate not trusted (self-signed or unknown issuer)
            self-signed         | false |    | UP       | HTTP 200 in
            issued              | true  | 7  | UP       | HTTP 200 in
            issued-expired      | true  |    | DOWN     | TLS error: certificate expired
            issued-expiring     | true  |    | UP       | HTTP 200 in
            issued-expiring     | true  | 7  | DEGRADED | certificate expires on {expiry} (in 2 days)
            self-signed-expired | false | 14 | DEGRADED | certificate expired on {expiry}
            """)
    void httpsCheck_judgesTheCertificateAsItsSettingsSay(String alias, boolean verify, Integer warningDays, CheckState outcome,
                                                          String message) {
        ProbeResult result = run(http(servers.get(alias).url("/")).verifyTls(verify).certificateWarningDays(warningDays).build());

        assertThat(result.outcome()).isEqualTo(outcome);
        assertThat(result.message()).startsWith(message.replace("{expiry}", certificates.expiryDate(alias)));
    }

    @Test
    void certificateExpirationCondition_readsTheCertificateEvenWithoutVerification() {
        ProbeResult result = run(http(servers.get("issued-expiring").url("/")).verifyTls(false)
                .conditions("[CERTIFICATE_EXPIRATION] > 48h", "[CERTIFICATE_EXPIRATION] > 96h").build());

        assertThat(result.outcome()).isEqualTo(CheckState.DOWN);
        assertThat(result.conditions()).extracting(ConditionResult::success).containsExactly(true, false);
        assertThat(result.message()).startsWith("[CERTIFICATE_EXPIRATION] expected > 96h, was ");
    }

    @Test
    void tlsCertCheck_onATargetThatDoesNotSpeakTls_isDownSayingWhy() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             ServerSocket smtp = greeting("220 mail.example ESMTP ready\r\n")) {
            long start = System.nanoTime();

            ProbeResult timedOut = run(tls("tls://127.0.0.1:" + silent.getLocalPort()).timeoutSeconds(1).build());
            long silentMillis = millisSince(start);
            ProbeResult refused = run(tls("tls://127.0.0.1:" + closedPort()).timeoutSeconds(1).build());
            ProbeResult notTls = run(tls("tls://127.0.0.1:" + smtp.getLocalPort()).timeoutSeconds(1).build());

            assertThat(silentMillis).as("run time against a silent server").isLessThan(3_000);
            assertThat(timedOut.message()).isEqualTo("timed out after 1 s");
            assertThat(refused.message()).isEqualTo("connection refused");
            assertThat(notTls.message()).isEqualTo("TLS error: Unsupported or unrecognized SSL message");
            assertThat(List.of(timedOut, refused, notTls)).extracting(ProbeResult::outcome).containsOnly(CheckState.DOWN);
        }
    }

    /** A server that greets each connection first, as SMTP and SSH servers do, and then waits. */
    private static ServerSocket greeting(String banner) throws IOException {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread greeter = new Thread(() -> {
            List<Socket> open = new ArrayList<>();
            try (server) {
                while (!server.isClosed()) {
                    Socket connection = server.accept();
                    open.add(connection);
                    connection.getOutputStream().write(banner.getBytes(StandardCharsets.US_ASCII));
                }
            } catch (IOException closed) {
                // The test is over.
            } finally {
                open.forEach(TlsCertProbeTest::closeQuietly);
            }
        }, "smtp-greeter");
        greeter.setDaemon(true);
        greeter.start();
        return server;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Nothing is listening for it any more.
        }
    }
}
