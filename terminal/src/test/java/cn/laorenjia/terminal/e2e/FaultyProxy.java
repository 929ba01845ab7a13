package cn.laorenjia.terminal.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A TCP relay between the terminal and the real settlement service that can lose an answer: the request
 * reaches the service (which acts on it), the answer is thrown away and the connection cut, as when the
 * network drops at the worst moment.
 */
final class FaultyProxy implements AutoCloseable {

    private final ServerSocket server;
    private final URI upstream;
    private final AtomicBoolean loseNextAnswer = new AtomicBoolean();

    FaultyProxy(URI upstream) throws IOException {
        this.upstream = upstream;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "faulty-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /** The next answer from the service is lost and its connection cut. */
    void loseNextAnswer() {
        loseNextAnswer.set(true);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket service = new Socket(upstream.getHost(), upstream.getPort());
                pipe(client.getInputStream(), service.getOutputStream(), client, service, false);
                pipe(service.getInputStream(), client.getOutputStream(), client, service, true);
            } catch (IOException e) {
                // closed
            }
        }
    }

    private void pipe(InputStream in, OutputStream out, Socket a, Socket b, boolean answers) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    if (answers && loseNextAnswer.compareAndSet(true, false)) {
                        break;
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // the other side closed
            } finally {
                closeQuietly(a);
                closeQuietly(b);
            }
        }, answers ? "proxy-answers" : "proxy-requests");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
