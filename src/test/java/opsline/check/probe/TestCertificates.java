package opsline.check.probe;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Certificates made by the JDK's keytool, as an operator would make them: a test certificate authority,
 * certificates it issues, and self-signed ones. Validity is given in keytool's terms: a start such as
 * {@code -1d} (a day ago) and a number of days.
 */
final class TestCertificates {

    static final String AUTHORITY = "test-ca";
    private static final char[] PASSWORD = "changeit".toCharArray();

    private final Path directory;
    private final Path keystore;

    TestCertificates(Path directory) {
        this.directory = directory;
        this.keystore = directory.resolve("certificates.p12");
    }

    /** The certificate authority that {@link #issued} certificates come from; make it first. */
    void authority() {
        generateKey(AUTHORITY, "CN=Opsline Test CA", "-ext", "bc:c", "-startdate", "-1d", "-validity", "3650");
    }

    /** A certificate naming 127.0.0.1 and localhost, signed by its own key. */
    void selfSigned(String alias, String start, int days) {
        generateKey(alias, "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-startdate", start,
                "-validity", String.valueOf(days));
    }

    /** A certificate for the names in {@code subjectAlternativeNames} (keytool's SAN syntax), issued by the authority. */
    void issued(String alias, String subjectAlternativeNames, String start, int days) {
        Path request = directory.resolve(alias + ".csr");
        Path issued = directory.resolve(alias + ".pem");
        generateKey(alias, "CN=" + alias, "-validity", "1");
        keytool("-certreq", "-alias", alias, "-file", request.toString());
        keytool("-gencert", "-alias", AUTHORITY, "-infile", request.toString(), "-outfile", issued.toString(), "-rfc",
                "-ext", "SAN=" + subjectAlternativeNames, "-startdate", start, "-validity", String.valueOf(days));
        try (InputStream pem = Files.newInputStream(issued)) {
            KeyStore store = load();
            Certificate leaf = CertificateFactory.getInstance("X.509").generateCertificate(pem);
            PrivateKey key = (PrivateKey) store.getKey(alias, PASSWORD);
            store.setKeyEntry(alias, key, PASSWORD, new Certificate[]{leaf, store.getCertificate(AUTHORITY)});
            try (OutputStream out = Files.newOutputStream(keystore)) {
                store.store(out, PASSWORD);
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("could not install the certificate issued for " + alias, e);
        }
    }

    X509Certificate certificate(String alias) {
        try {
            return (X509Certificate) load().getCertificate(alias);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The certificate's last valid day, as results write it. */
    String expiryDate(String alias) {
        return certificate(alias).getNotAfter().toInstant().atOffset(ZoneOffset.UTC).toLocalDate().toString();
    }

    /** A server's TLS context presenting this certificate (and its chain) only. */
    SSLContext serverContext(String alias) {
        try {
            KeyStore all = load();
            KeyStore one = KeyStore.getInstance("PKCS12");
            one.load(null, null);
            one.setKeyEntry(alias, all.getKey(alias, PASSWORD), PASSWORD, all.getCertificateChain(alias));
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(one, PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A client's TLS context that trusts the test authority, and nothing else. */
    SSLContext trustingTheAuthority() {
        try {
            KeyStore anchors = KeyStore.getInstance("PKCS12");
            anchors.load(null, null);
            anchors.setCertificateEntry(AUTHORITY, certificate(AUTHORITY));
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(anchors);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private KeyStore load() throws GeneralSecurityException {
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, PASSWORD);
            return store;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A P-256 key pair with a self-signed certificate; EC keys are made much faster than RSA ones. */
    private void generateKey(String alias, String distinguishedName, String... options) {
        List<String> arguments = new ArrayList<>(List.of("-genkeypair", "-alias", alias, "-dname", distinguishedName,
                "-keyalg", "EC", "-groupname", "secp256r1"));
        arguments.addAll(List.of(options));
        keytool(arguments.toArray(String[]::new));
    }

    private void keytool(String... arguments) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-noprompt", "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass", new String(PASSWORD)));
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool " + String.join(" ", arguments) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not run keytool", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running keytool", e);
        }
    }
}
