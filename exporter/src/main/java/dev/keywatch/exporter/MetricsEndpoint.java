package dev.keywatch.exporter;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * {@code GET /metrics}, served one connection at a time by a daemon thread over a plain server socket.
 * Not the JDK's {@code com.sun.net.httpserver}: other agents (the OpenTelemetry Java agent among them)
 * instrument that server, and would turn every Prometheus scrape of Keywatch into a trace of the
 * application. A scrape is one short request; {@code Connection: close} keeps this small.
 */
public final class MetricsEndpoint implements AutoCloseable {
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private static final String OPENMETRICS_TEXT = "application/openmetrics-text; version=1.0.0; charset=utf-8";
    private static final int MAX_REQUEST_BYTES = 16 * 1024;
    private static final int READ_TIMEOUT_MILLIS = 5_000;

    private final ServerSocket server;
    private final KeywatchMetrics metrics;

    private MetricsEndpoint(ServerSocket server, KeywatchMetrics metrics) {
        this.server = server;
        this.metrics = metrics;
    }

    public static MetricsEndpoint start(KeywatchMetrics metrics, String host, int port) throws IOException {
        ServerSocket server = new ServerSocket();
        try {
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(host, port), 16);
        } catch (IOException e) {
            server.close();
            throw e;
        }
        MetricsEndpoint endpoint = new MetricsEndpoint(server, metrics);
        Thread t = new Thread(endpoint::acceptLoop, "keywatch-metrics");
        t.setDaemon(true);
        t.start();
        return endpoint;
    }

    public int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                socket.setSoTimeout(READ_TIMEOUT_MILLIS);
                serve(socket);
            } catch (SocketException closedOrReset) {
                // closed at exit, or the scraper went away
            } catch (IOException | RuntimeException e) {
                // one bad request; the next scrape is served
            }
        }
    }

    private void serve(Socket socket) throws IOException {
        String head = readHead(socket.getInputStream());
        OutputStream out = socket.getOutputStream();
        if (head == null) {
            respond(out, "400 Bad Request", null, null, false);
            return;
        }
        String[] lines = head.split("\r\n");
        String[] request = lines[0].split(" ");
        if (request.length < 2) {
            respond(out, "400 Bad Request", null, null, false);
            return;
        }
        String method = request[0];
        String path = request[1];
        int query = path.indexOf('?');
        if (query >= 0) path = path.substring(0, query);
        if (!path.equals("/metrics")) {
            respond(out, "404 Not Found", null, null, false);
            return;
        }
        if (!method.equals("GET") && !method.equals("HEAD")) {
            respond(out, "405 Method Not Allowed", null, null, false);
            return;
        }
        boolean openMetrics = false;
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i].toLowerCase(Locale.ROOT);
            if (line.startsWith("accept:") && line.contains("application/openmetrics-text")) {
                openMetrics = true;
            }
        }
        byte[] body = metrics.scrape(openMetrics ? "application/openmetrics-text" : null).getBytes(StandardCharsets.UTF_8);
        respond(out, "200 OK", openMetrics ? OPENMETRICS_TEXT : PROMETHEUS_TEXT, body, method.equals("HEAD"));
    }

    /** The request line and headers, up to the blank line; null when too long or cut short. */
    private static String readHead(InputStream in) throws IOException {
        byte[] head = new byte[MAX_REQUEST_BYTES];
        int n = 0;
        while (n < head.length) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head[n++] = (byte) b;
            if (n >= 4 && head[n - 4] == '\r' && head[n - 3] == '\n' && head[n - 2] == '\r' && head[n - 1] == '\n') {
                return new String(head, 0, n, StandardCharsets.ISO_8859_1);
            }
        }
        return null;
    }

    private static void respond(OutputStream out, String status, String contentType, byte[] body, boolean headOnly)
            throws IOException {
        StringBuilder h = new StringBuilder(128).append("HTTP/1.1 ").append(status).append("\r\n");
        if (contentType != null) h.append("Content-Type: ").append(contentType).append("\r\n");
        h.append("Content-Length: ").append(body == null ? 0 : body.length).append("\r\n");
        h.append("Connection: close\r\n\r\n");
        out.write(h.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (body != null && !headOnly) {
            out.write(body);
        }
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
