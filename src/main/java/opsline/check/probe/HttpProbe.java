package opsline.check.probe;

import jakarta.inject.Named;
import jakarta.inject.Singleton;
import opsline.check.Check;
import opsline.check.CheckConfiguration;
import opsline.check.CheckKind;
import opsline.check.CheckSettings;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** HTTP(S): non-blocking requests through shared clients, bodies capped, cut at the timeout however they trickle. */
@Singleton
class HttpProbe implements Probe {

    private static final Duration CONNECT_TIMEOUT_CAP = Duration.ofSeconds(30);

    private final Map<String, HttpClient> clients = new ConcurrentHashMap<>();
    private final ExecutorService executor;
    private final ScheduledExecutorService timer;
    private final int maxBodyBytes;

    HttpProbe(@Named(ProbeExecutors.HTTP) ExecutorService executor, @Named(ProbeExecutors.TIMER) ScheduledExecutorService timer,
              CheckConfiguration configuration) {
        this.executor = executor;
        this.timer = timer;
        this.maxBodyBytes = configuration.maxBodyBytes();
    }

    @Override
    public CheckKind kind() {
        return CheckKind.HTTP;
    }

    @Override
    public CompletableFuture<Observation> observe(Check check) {
        CheckSettings settings = check.settings();
        URI uri = URI.create(check.target());
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(check.timeout())
                .header("User-Agent", "Opsline health check")
                .method(settings.method() == null ? "GET" : settings.method(),
                        settings.body() == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(settings.body()));
        settings.headersOrEmpty().forEach(header -> request.setHeader(header.name(), header.value()));
        CappedBody body = new CappedBody(maxBodyBytes);
        long start = System.nanoTime();
        CompletableFuture<HttpResponse<byte[]>> exchange = client(settings).sendAsync(request.build(), info -> body);
        CompletableFuture<Observation> observation = exchange.handle((response, failure) -> failure == null
                ? reached(response, body, elapsed(start))
                : Observation.unreachable(elapsed(start), Failures.describe(failure, check.timeout(), uri.getHost())));
        timer.schedule(() -> {
            if (!observation.isDone()) {
                body.cancel();
                exchange.cancel(true);
                observation.complete(Observation.unreachable(elapsed(start), "timed out after " + Failures.seconds(check.timeout())));
            }
        }, check.timeout().toMillis(), TimeUnit.MILLISECONDS);
        return observation;
    }

    private static Observation reached(HttpResponse<byte[]> response, CappedBody body, long latencyMs) {
        Instant expiry = response.sslSession().map(HttpProbe::earliestExpiry).orElse(null);
        return new Observation(true, latencyMs, null, response.statusCode(), response.body(), body.truncated(),
                expiry, null, List.of(), null);
    }

    private static Instant earliestExpiry(SSLSession session) {
        try {
            Certificate[] chain = session.getPeerCertificates();
            return Arrays.stream(chain)
                    .filter(X509Certificate.class::isInstance)
                    .map(certificate -> ((X509Certificate) certificate).getNotAfter().toInstant())
                    .min(Instant::compareTo)
                    .orElse(null);
        } catch (SSLPeerUnverifiedException e) {
            return null;
        }
    }

    private HttpClient client(CheckSettings settings) {
        boolean verify = !Boolean.FALSE.equals(settings.verifyTls());
        boolean follow = Boolean.TRUE.equals(settings.followRedirects());
        return clients.computeIfAbsent(verify + "/" + follow, key -> HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(follow ? HttpClient.Redirect.NORMAL : HttpClient.Redirect.NEVER)
                .connectTimeout(CONNECT_TIMEOUT_CAP)
                .sslContext(verify ? defaultContext() : TrustEverything.sslContext())
                .executor(executor)
                .build());
    }

    private static SSLContext defaultContext() {
        try {
            return SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static long elapsed(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }
}
