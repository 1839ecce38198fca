package dev.carepath.portal.clinical;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A loopback port that forwards each connection to a port named later: for a process that must be told where to
 * call before the callee exists. (The partner simulator sends its webhooks to the portal, whose random port is known
 * only once the test's application context is up, and that context needs the job-workers the simulator must be
 * started before.) A connection that arrives before {@link #forwardTo} is refused.
 */
final class PortForwarder implements AutoCloseable {

    private final ServerSocket server;
    private final ExecutorService pumps = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "port-forwarder");
        thread.setDaemon(true);
        return thread;
    });
    private volatile int target;

    PortForwarder() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        pumps.execute(this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    void forwardTo(int port) {
        target = port;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                connect(client);
            } catch (IOException e) {
                // the server socket was closed
            }
        }
    }

    private void connect(Socket client) {
        try {
            if (target == 0) {
                throw new IOException("nowhere to forward to yet");
            }
            Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
            pumps.execute(() -> pump(client, upstream));
            pumps.execute(() -> pump(upstream, client));
        } catch (IOException e) {
            // the caller sees its connection dropped, as from a receiver that is down, and retries
            closeQuietly(client);
        }
    }

    private static void pump(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException e) {
            // one side went away
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        pumps.shutdownNow();
    }
}
