package dev.carepath.eventing.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A TCP proxy on a loopback port that a test controls:
 * <ul>
 *   <li>in front of a service (say, the broker), {@link #cut()} drops every connection and refuses new ones, as a
 *       service that went away, and {@link #restore()} lets connections through again; other users of the service
 *       are not disturbed;</li>
 *   <li>made without a target, it gives a process an address to call before the callee exists (the partner
 *       simulator's webhooks go to a portal whose random port is known only later): it refuses connections until
 *       {@link #forwardTo(int)} names the port.</li>
 * </ul>
 */
public final class TcpProxy implements AutoCloseable {

    private final ServerSocket server;
    private final String targetHost;
    private final ExecutorService pumps = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "tcp-proxy");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile int targetPort;
    private volatile boolean up = true;

    /** A proxy to {@code targetHost:targetPort}. */
    public TcpProxy(String targetHost, int targetPort) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        pumps.execute(this::accept);
    }

    /** A proxy to a loopback port named later ({@link #forwardTo(int)}); until then it refuses connections. */
    public TcpProxy() throws IOException {
        this("127.0.0.1", 0);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** From now on, connections go to this loopback port. */
    public void forwardTo(int port) {
        targetPort = port;
    }

    public void cut() {
        up = false;
        open.forEach(TcpProxy::closeQuietly);
        open.clear();
    }

    public void restore() {
        up = true;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                if (!up || targetPort == 0) {
                    // the caller sees its connection dropped, as from a service that is down, and retries
                    closeQuietly(client);
                    continue;
                }
                Socket target = new Socket(targetHost, targetPort);
                open.add(client);
                open.add(target);
                pumps.execute(() -> pump(client, target));
                pumps.execute(() -> pump(target, client));
            } catch (IOException e) {
                if (server.isClosed()) {
                    return;
                }
            }
        }
    }

    private static void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException closed) {
            // one side went away: close both
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() {
        cut();
        try {
            server.close();
        } catch (IOException ignored) {
            // already closed
        }
        pumps.shutdownNow();
    }
}
