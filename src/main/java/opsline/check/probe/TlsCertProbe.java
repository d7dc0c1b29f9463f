package opsline.check.probe;

import jakarta.inject.Named;
import jakarta.inject.Singleton;
import opsline.check.Check;
import opsline.check.CheckKind;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

/**
 * TLS_CERT: {@code tls://host:443}. Verifies the certificate as a browser would (trusted issuer, the
 * host's name, not expired) and reads its expiry; an invalid certificate is read a second time without
 * verification, to say when it expired.
 */
@Singleton
class TlsCertProbe implements Probe {

    private final ExecutorService blocking;
    private final ScheduledExecutorService timer;
    private final Clock clock;

    TlsCertProbe(@Named(ProbeExecutors.BLOCKING) ExecutorService blocking, @Named(ProbeExecutors.TIMER) ScheduledExecutorService timer,
                 Clock clock) {
        this.blocking = blocking;
        this.timer = timer;
        this.clock = clock;
    }

    @Override
    public CheckKind kind() {
        return CheckKind.TLS_CERT;
    }

    @Override
    public CompletableFuture<Observation> observe(Check check) {
        return BlockingProbes.run(check, blocking, timer, () -> inspect(check));
    }

    private Observation inspect(Check check) {
        URI target = URI.create(check.target());
        int port = target.getPort() == -1 ? 443 : target.getPort();
        long start = System.nanoTime();
        try {
            Instant expiry = earliestExpiry(handshake(defaultContext(), target.getHost(), port, check, true));
            return Observation.reached(HttpProbe.elapsed(start)).withCertificate(expiry, null);
        } catch (SSLException invalid) {
            return unverified(check, target.getHost(), port, start, invalid);
        } catch (IOException | RuntimeException e) {
            return Observation.unreachable(HttpProbe.elapsed(start), Failures.describe(e, check.timeout(), target.getHost()));
        }
    }

    private Observation unverified(Check check, String host, int port, long start, SSLException invalid) {
        try {
            Instant expiry = earliestExpiry(handshake(TrustEverything.sslContext(), host, port, check, false));
            String problem = expiry.isBefore(clock.instant())
                    ? "certificate expired on " + Verdict.date(expiry)
                    : Failures.describe(invalid, check.timeout(), host).replace("TLS error: ", "");
            return Observation.reached(HttpProbe.elapsed(start)).withCertificate(expiry, problem);
        } catch (IOException | RuntimeException e) {
            return Observation.unreachable(HttpProbe.elapsed(start), Failures.describe(invalid, check.timeout(), host));
        }
    }

    private static List<Certificate> handshake(SSLContext context, String host, int port, Check check, boolean verifyName) throws IOException {
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket()) {
            int timeout = (int) check.timeout().toMillis();
            socket.connect(new InetSocketAddress(host, port), timeout);
            socket.setSoTimeout(timeout);
            SSLParameters parameters = socket.getSSLParameters();
            if (host.chars().anyMatch(Character::isLetter)) {
                parameters.setServerNames(List.of(new SNIHostName(host)));
            }
            if (verifyName) {
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
            }
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            return Arrays.asList(socket.getSession().getPeerCertificates());
        }
    }

    private static Instant earliestExpiry(List<Certificate> chain) {
        return chain.stream()
                .filter(X509Certificate.class::isInstance)
                .map(certificate -> ((X509Certificate) certificate).getNotAfter().toInstant())
                .min(Instant::compareTo)
                .orElseThrow(() -> new IllegalStateException("the server sent no X.509 certificate"));
    }

    private static SSLContext defaultContext() {
        try {
            return SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
