package cn.laorenjia.terminal.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The network between a counter and the central, on loopback: a TCP relay that can be cut (open connections are
 * reset and new ones refused at once, like a dead uplink) and restored, and that can hold every request for a
 * while before forwarding it (a slow link, so a test can kill a terminal while its request is in flight), or lose
 * one answer (the request reaches the service, which acts on it; the answer is dropped and the connection cut, as
 * when the network drops at the worst moment).
 */
public final class SwitchableProxy implements AutoCloseable {

    private final ServerSocket server;
    private final URI upstream;
    private final AtomicBoolean cut = new AtomicBoolean();
    private final AtomicBoolean loseNextAnswer = new AtomicBoolean();
    private final AtomicLong delayMillis = new AtomicLong();
    private final AtomicLong connections = new AtomicLong();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    public SwitchableProxy(URI upstream) throws IOException {
        this.upstream = upstream;
        this.server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "switchable-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    public void cut() {
        cut.set(true);
        for (Socket s : open) {
            close(s);
        }
    }

    public void restore() {
        cut.set(false);
    }

    /**
     * Requests on new connections wait this long before they are forwarded. Open (keep-alive) connections are
     * closed, so the next request does take the slow path: on an idle machine it otherwise reused the fast one.
     */
    public void delay(long millis) {
        delayMillis.set(millis);
        for (Socket s : open) {
            close(s);
        }
    }

    /** The next answer from the service is lost and its connection cut. */
    public void loseNextAnswer() {
        loseNextAnswer.set(true);
    }

    public long connections() {
        return connections.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                if (cut.get()) {
                    client.setSoLinger(true, 0);
                    client.close(); // reset: the counter sees the network down at once
                    continue;
                }
                connections.incrementAndGet();
                Thread t = new Thread(() -> relay(client), "switchable-proxy-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                // closed
            }
        }
    }

    private void relay(Socket client) {
        Socket service = null;
        try {
            long delay = delayMillis.get();
            if (delay > 0) {
                Thread.sleep(delay);
            }
            if (cut.get()) {
                close(client);
                return;
            }
            service = new Socket(upstream.getHost(), upstream.getPort());
            open.add(client);
            open.add(service);
            Socket s = service;
            Thread back = new Thread(() -> pipe(s, client, true), "switchable-proxy-back");
            back.setDaemon(true);
            back.start();
            pipe(client, service, false);
        } catch (IOException | InterruptedException e) {
            close(client);
            if (service != null) {
                close(service);
            }
        }
    }

    private void pipe(Socket from, Socket to, boolean answers) {
        byte[] buffer = new byte[16384];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (cut.get() || (answers && loseNextAnswer.compareAndSet(true, false))) {
                    break;
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // one side closed
        } finally {
            close(from);
            close(to);
        }
    }

    private void close(Socket s) {
        open.remove(s);
        try {
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : open) {
            close(s);
        }
    }
}
