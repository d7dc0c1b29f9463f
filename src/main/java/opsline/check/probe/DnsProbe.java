package opsline.check.probe;

import jakarta.inject.Named;
import jakarta.inject.Singleton;
import opsline.check.Check;
import opsline.check.CheckKind;

import javax.naming.NameNotFoundException;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.Attributes;
import javax.naming.directory.InitialDirContext;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Hashtable;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

/**
 * DNS: {@code dns://name?type=A} looks a name up. A and AAAA records go through the system resolver (so
 * {@code /etc/hosts} counts, as it does for the services that use the name); other types, and any type
 * with {@code &server=host}, ask a DNS server directly.
 */
@Singleton
public class DnsProbe implements Probe {

    public static final List<String> TYPES = List.of("A", "AAAA", "CNAME", "MX", "NS", "TXT", "SRV", "PTR", "SOA");

    private final ExecutorService blocking;
    private final ScheduledExecutorService timer;

    DnsProbe(@Named(ProbeExecutors.BLOCKING) ExecutorService blocking, @Named(ProbeExecutors.TIMER) ScheduledExecutorService timer) {
        this.blocking = blocking;
        this.timer = timer;
    }

    @Override
    public CheckKind kind() {
        return CheckKind.DNS;
    }

    @Override
    public CompletableFuture<Observation> observe(Check check) {
        return BlockingProbes.run(check, blocking, timer, () -> lookUp(check));
    }

    /** The record type a target asks for: its {@code type} parameter, A by default. */
    public static String type(URI target) {
        return parameter(target, "type").map(type -> type.toUpperCase(Locale.ROOT)).orElse("A");
    }

    private static Optional<String> parameter(URI target, String name) {
        if (target.getRawQuery() == null) {
            return Optional.empty();
        }
        return Arrays.stream(target.getRawQuery().split("&"))
                .map(pair -> pair.split("=", 2))
                .filter(pair -> pair.length == 2 && pair[0].equalsIgnoreCase(name))
                .map(pair -> pair[1])
                .findFirst();
    }

    private Observation lookUp(Check check) {
        URI target = URI.create(check.target());
        String name = target.getHost();
        String type = type(target);
        Optional<String> server = parameter(target, "server");
        long start = System.nanoTime();
        try {
            List<String> answers = server.isEmpty() && (type.equals("A") || type.equals("AAAA"))
                    ? systemResolver(name, type) : directQuery(name, type, server.orElse(""), check);
            return Observation.reached(HttpProbe.elapsed(start)).withValues(answers, answers.isEmpty() ? "NOERROR (no " + type + " records)" : "NOERROR");
        } catch (UnknownHostException | NameNotFoundException e) {
            return Observation.reached(HttpProbe.elapsed(start)).withValues(List.of(), "NXDOMAIN");
        } catch (NamingException e) {
            return Observation.unreachable(HttpProbe.elapsed(start), "DNS lookup of " + name + " failed: " + e.getExplanation());
        }
    }

    private static List<String> systemResolver(String name, String type) throws UnknownHostException {
        int length = type.equals("A") ? 4 : 16;
        return Arrays.stream(InetAddress.getAllByName(name))
                .filter(address -> address.getAddress().length == length)
                .map(InetAddress::getHostAddress)
                .toList();
    }

    private static List<String> directQuery(String name, String type, String server, Check check) throws NamingException {
        Hashtable<String, String> environment = new Hashtable<>();
        environment.put("java.naming.factory.initial", "com.sun.jndi.dns.DnsContextFactory");
        environment.put("java.naming.provider.url", "dns://" + server);
        environment.put("com.sun.jndi.dns.timeout.initial", String.valueOf(Math.max(500, check.timeout().toMillis() / 2)));
        environment.put("com.sun.jndi.dns.timeout.retries", "1");
        InitialDirContext context = new InitialDirContext(environment);
        try {
            Attributes attributes = context.getAttributes(name, new String[]{type});
            Attribute records = attributes.get(type);
            List<String> answers = new ArrayList<>();
            if (records != null) {
                NamingEnumeration<?> values = records.getAll();
                while (values.hasMore()) {
                    answers.add(String.valueOf(values.next()));
                }
            }
            return answers;
        } finally {
            context.close();
        }
    }
}
