package io.github.smtpclient.testing;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * A UDP DNS server on 127.0.0.1 for the resolver's unit tests, answering from a small zone: A, AAAA and CNAME
 * records, NXDOMAIN for names it does not know, and on request REFUSED, SERVFAIL, a delay or silence. The real
 * resolver test bed is dnsmasq ({@code scripts/testbed/start-network.sh}); this one produces the failures on demand.
 */
public final class ScriptedDnsServer implements AutoCloseable {

    /** What the server does with a query for one name. */
    public enum Behaviour { ANSWER, REFUSE, FAIL, SILENT }

    private final DatagramSocket socket;
    private final Map<Name, List<Record>> zone = new ConcurrentHashMap<>();
    private final Map<Name, Behaviour> behaviours = new ConcurrentHashMap<>();
    private final List<String> queries = new CopyOnWriteArrayList<>();
    private volatile Duration delay = Duration.ZERO;
    private final Thread thread;

    private ScriptedDnsServer(InetAddress address, int port) throws IOException {
        socket = new DatagramSocket(new InetSocketAddress(address, port));
        thread = new Thread(this::serve, "scripted-dns-" + socket.getLocalPort());
        thread.setDaemon(true);
        thread.start();
    }

    /** A server on 127.0.0.1 and a free port. */
    public static ScriptedDnsServer start() throws IOException {
        return new ScriptedDnsServer(InetAddress.getLoopbackAddress(), 0);
    }

    /** A server on another loopback address (such as 127.0.0.2) and a given port, to stand beside a first one. */
    public static ScriptedDnsServer start(InetAddress address, int port) throws IOException {
        return new ScriptedDnsServer(address, port);
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** Adds an A or AAAA record for {@code name} (the type follows the address). */
    public ScriptedDnsServer address(String name, String literal) throws IOException {
        Name owner = name(name);
        InetAddress address = InetAddress.getByName(literal);
        Record record = address.getAddress().length == 4 ? new ARecord(owner, DClass.IN, 0, address)
                : new AAAARecord(owner, DClass.IN, 0, address);
        zone.computeIfAbsent(owner, n -> new CopyOnWriteArrayList<>()).add(record);
        return this;
    }

    /** Makes {@code name} an alias of {@code target}; the answer carries only the CNAME. */
    public ScriptedDnsServer alias(String name, String target) throws IOException {
        Name owner = name(name);
        zone.computeIfAbsent(owner, n -> new CopyOnWriteArrayList<>())
                .add(new CNAMERecord(owner, DClass.IN, 0, name(target)));
        return this;
    }

    public ScriptedDnsServer behave(String name, Behaviour behaviour) throws IOException {
        behaviours.put(name(name), behaviour);
        return this;
    }

    /** Delays every answer. */
    public ScriptedDnsServer delay(Duration delay) {
        this.delay = delay;
        return this;
    }

    /** The questions received, as {@code name/TYPE}. */
    public List<String> queries() {
        return List.copyOf(queries);
    }

    private void serve() {
        byte[] buffer = new byte[512];
        while (!socket.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                Message query = new Message(Arrays.copyOf(packet.getData(), packet.getLength()));
                Record question = query.getQuestion();
                queries.add(question.getName() + "/" + Type.string(question.getType()));
                Behaviour behaviour = behaviours.getOrDefault(question.getName(), Behaviour.ANSWER);
                if (behaviour == Behaviour.SILENT) {
                    continue;
                }
                byte[] answer = answer(query, question, behaviour).toWire();
                Thread.sleep(delay.toMillis());
                socket.send(new DatagramPacket(answer, answer.length, packet.getSocketAddress()));
            } catch (IOException | InterruptedException closed) {
                return;
            }
        }
    }

    private Message answer(Message query, Record question, Behaviour behaviour) {
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setFlag(Flags.RA);
        response.addRecord(question, Section.QUESTION);
        switch (behaviour) {
            case REFUSE -> response.getHeader().setRcode(Rcode.REFUSED);
            case FAIL -> response.getHeader().setRcode(Rcode.SERVFAIL);
            default -> {
                List<Record> records = zone.get(question.getName());
                if (records == null) {
                    response.getHeader().setRcode(Rcode.NXDOMAIN);
                } else {
                    records.stream().filter(r -> r.getType() == question.getType() || r.getType() == Type.CNAME)
                            .forEach(r -> response.addRecord(r, Section.ANSWER));
                }
            }
        }
        return response;
    }

    private static Name name(String name) throws IOException {
        return Name.fromString(name.endsWith(".") ? name : name + ".");
    }

    @Override
    public void close() {
        socket.close();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
