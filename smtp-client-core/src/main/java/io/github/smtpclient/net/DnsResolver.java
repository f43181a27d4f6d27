package io.github.smtpclient.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.ResolverConfig;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * The client's own resolver (dnsjava): asks the configured DNS servers for A and AAAA at once, each server in turn
 * until one answers, within {@link DnsSettings#getQueryTimeout()} per query and {@link DnsSettings#getTotalTimeout()}
 * for the whole name. An answer ends the search: a name that does not exist (NXDOMAIN) or has no address of the
 * wanted version is not asked of the next server; only silence, a refusal or a server failure is. CNAME chains are
 * followed. Stateless; no cache, so every connect asks again.
 */
final class DnsResolver implements AddressResolver {

    /** Rounds over the server list, as resolv.conf's default {@code attempts:2}. */
    private static final int ROUNDS = 2;
    private static final int MAX_CNAME_HOPS = 8;

    private final List<InetAddress> servers;
    private final int port;
    private final Duration queryTimeout;
    private final Duration totalTimeout;

    DnsResolver(DnsSettings settings) {
        this.servers = settings.getServers();
        this.port = settings.getPort();
        this.queryTimeout = settings.getQueryTimeout();
        this.totalTimeout = settings.getTotalTimeout();
    }

    @Override
    public List<InetAddress> resolve(String host, IpVersion version) throws UnknownHostException {
        if (isLocalhost(host)) {
            return version.order(loopback());
        }
        Name name;
        try {
            name = Name.fromString(host, Name.root);
        } catch (TextParseException e) {
            throw failure(host + " is not a valid DNS name (" + e.getMessage() + ")", e);
        }
        List<InetSocketAddress> targets = targets();
        long deadline = System.nanoTime() + totalTimeout.toNanos();
        List<String> problems = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            for (InetSocketAddress server : targets) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    throw failure("no DNS server answered for " + host + " within socket().dns().totalTimeout ("
                            + totalTimeout.toMillis() + " ms): " + String.join("; ", problems), null);
                }
                Duration timeout = Duration.ofNanos(Math.min(queryTimeout.toNanos(), remaining));
                ServerAnswer answer = ask(server, name, version, timeout);
                if (answer.isFinal()) {
                    return answer.addresses(host, version, server);
                }
                problems.add(describe(server) + ": " + answer.problem());
            }
        }
        throw failure("no DNS server answered for " + host + ": " + String.join("; ", problems)
                + "; check socket().dns().servers and that this machine can reach them", null);
    }

    private static boolean isLocalhost(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        return name.equals("localhost") || name.endsWith(".localhost");
    }

    private static List<InetAddress> loopback() throws UnknownHostException {
        return List.of(InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1}),
                InetAddress.getByAddress("localhost", new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}));
    }

    private List<InetSocketAddress> targets() throws UnknownHostException {
        if (!servers.isEmpty()) {
            return servers.stream().map(server -> new InetSocketAddress(server, port)).toList();
        }
        List<InetSocketAddress> system = ResolverConfig.getCurrentConfig().servers();
        if (system.isEmpty()) {
            throw failure("this system names no DNS server; set socket().dns().servers", null);
        }
        // The system's servers keep their own port unless socket().dns().port was changed from 53.
        return port == 53 ? system : system.stream().map(s -> new InetSocketAddress(s.getAddress(), port)).toList();
    }

    /** A and AAAA (as far as {@code version} wants them) of one server, asked at the same time. */
    private ServerAnswer ask(InetSocketAddress server, Name name, IpVersion version, Duration timeout) {
        SimpleResolver resolver = new SimpleResolver(server);
        resolver.setTimeout(timeout);
        List<Integer> types = switch (version) {
            case IPV4_ONLY -> List.of(Type.A);
            case IPV6_ONLY -> List.of(Type.AAAA);
            case BOTH_IPV6_FIRST -> List.of(Type.AAAA, Type.A);
        };
        List<CompletableFuture<TypeAnswer>> queries = new ArrayList<>();
        for (int type : types) {
            queries.add(query(resolver, name, type, 0));
        }
        List<TypeAnswer> answers = new ArrayList<>();
        long waitUntil = System.nanoTime() + timeout.toNanos() * (MAX_CNAME_HOPS + 1);
        for (int i = 0; i < types.size(); i++) {
            answers.add(await(queries.get(i), types.get(i), waitUntil));
        }
        return new ServerAnswer(answers);
    }

    private static CompletableFuture<TypeAnswer> query(SimpleResolver resolver, Name name, int type, int hops) {
        Message request = Message.newQuery(Record.newRecord(name, type, DClass.IN));
        return resolver.sendAsync(request).toCompletableFuture().thenCompose(response -> {
            int rcode = response.getRcode();
            if (rcode != Rcode.NOERROR) {
                return CompletableFuture.completedFuture(TypeAnswer.of(type, rcode));
            }
            List<InetAddress> addresses = new ArrayList<>();
            Name alias = null;
            for (Record answer : response.getSection(Section.ANSWER)) {
                if (answer instanceof ARecord a) {
                    addresses.add(a.getAddress());
                } else if (answer instanceof AAAARecord aaaa) {
                    addresses.add(aaaa.getAddress());
                } else if (answer instanceof CNAMERecord cname) {
                    alias = cname.getTarget();
                }
            }
            if (addresses.isEmpty() && alias != null && hops < MAX_CNAME_HOPS) {
                return query(resolver, alias, type, hops + 1);
            }
            return CompletableFuture.completedFuture(new TypeAnswer(type, rcode, addresses, null));
        }).exceptionally(failure -> TypeAnswer.failed(type, failure));
    }

    private static TypeAnswer await(CompletableFuture<TypeAnswer> query, int type, long untilNanos) {
        try {
            // dnsjava enforces the query timeout itself; this bound only guards against a lost completion.
            return query.get(Math.max(1, untilNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            query.cancel(true);
            return TypeAnswer.failed(type, e);
        } catch (ExecutionException | TimeoutException e) {
            query.cancel(true);
            return TypeAnswer.failed(type, e);
        }
    }

    private static String describe(InetSocketAddress server) {
        String address = server.getAddress().getHostAddress();
        return (address.indexOf(':') >= 0 ? "[" + address + "]" : address) + ":" + server.getPort();
    }

    private static UnknownHostException failure(String message, Throwable cause) {
        UnknownHostException e = new UnknownHostException(message);
        if (cause != null) {
            e.initCause(cause);
        }
        return e;
    }

    /** One type's answer from one server: addresses, or the rcode, or why there was no answer. */
    private record TypeAnswer(int type, int rcode, List<InetAddress> addresses, Throwable failure) {

        static TypeAnswer of(int type, int rcode) {
            return new TypeAnswer(type, rcode, List.of(), null);
        }

        static TypeAnswer failed(int type, Throwable failure) {
            Throwable cause = (failure instanceof CompletionException || failure instanceof ExecutionException)
                    && failure.getCause() != null ? failure.getCause() : failure;
            return new TypeAnswer(type, -1, List.of(), cause);
        }

        boolean answered() {
            return failure == null && (rcode == Rcode.NOERROR || rcode == Rcode.NXDOMAIN);
        }

        String problem() {
            if (failure == null) {
                return Type.string(type) + " " + Rcode.string(rcode);
            }
            if (failure instanceof PortUnreachableException) {
                return "nothing listens there (port unreachable)";
            }
            if (failure instanceof TimeoutException || failure instanceof SocketTimeoutException
                    || (failure instanceof IOException && String.valueOf(failure.getMessage()).startsWith("Timed out"))) {
                return "no answer within socket().dns().queryTimeout";
            }
            return failure.getClass().getSimpleName() + ": " + failure.getMessage();
        }
    }

    /** What one server said about every type asked. */
    private record ServerAnswer(List<TypeAnswer> answers) {

        /** An answer that the next server would only repeat: addresses, or every type answered. */
        boolean isFinal() {
            return answers.stream().anyMatch(a -> !a.addresses().isEmpty())
                    || answers.stream().anyMatch(a -> a.failure() == null && a.rcode() == Rcode.NXDOMAIN)
                    || answers.stream().allMatch(TypeAnswer::answered);
        }

        List<InetAddress> addresses(String host, IpVersion version, InetSocketAddress server)
                throws UnknownHostException {
            List<InetAddress> found = answers.stream().flatMap(a -> a.addresses().stream()).toList();
            if (!found.isEmpty()) {
                return found;
            }
            if (answers.stream().anyMatch(a -> a.failure() == null && a.rcode() == Rcode.NXDOMAIN)) {
                throw failure(host + ": no such name (NXDOMAIN from DNS server " + describe(server) + ")", null);
            }
            String wanted = switch (version) {
                case IPV4_ONLY -> "IPv4 address (A record)";
                case IPV6_ONLY -> "IPv6 address (AAAA record)";
                case BOTH_IPV6_FIRST -> "address (A or AAAA record)";
            };
            throw failure(host + " has no " + wanted + " at DNS server " + describe(server), null);
        }

        String problem() {
            return String.join(", ", answers.stream().map(TypeAnswer::problem).distinct().toList());
        }
    }
}
