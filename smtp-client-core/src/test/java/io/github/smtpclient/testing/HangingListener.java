package io.github.smtpclient.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;

/**
 * A loopback listener that never accepts and whose backlog is full, so that a further connect to it hangs until the
 * client gives up: a dead address that stays on this machine. (TEST-NET and other "unroutable" addresses route off
 * these machines; never connect to them.) With backlog 1 the kernel queues two connections; the third hangs.
 */
public final class HangingListener implements AutoCloseable {

    private final ServerSocket listener;
    private final List<Socket> fillers = new ArrayList<>();

    private HangingListener(ServerSocket listener) throws IOException {
        this.listener = listener;
        try {
            for (int i = 0; i < 8; i++) {
                Socket filler = new Socket();
                fillers.add(filler);
                filler.connect(listener.getLocalSocketAddress(), 300);
            }
            throw new IOException("the backlog of " + listener.getLocalSocketAddress() + " never filled up");
        } catch (SocketTimeoutException full) {
            // The last filler hung: the queue is full, and so will every later connect.
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** A hanging listener on {@code address} and {@code port} (0 for any free one). */
    public static HangingListener on(InetAddress address, int port) throws IOException {
        ServerSocket listener = new ServerSocket();
        try {
            listener.bind(new InetSocketAddress(address, port), 1);
        } catch (IOException e) {
            listener.close();
            throw e;
        }
        return new HangingListener(listener);
    }

    public InetAddress address() {
        return listener.getInetAddress();
    }

    public int port() {
        return listener.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        for (Socket filler : fillers) {
            filler.close();
        }
        listener.close();
    }
}
