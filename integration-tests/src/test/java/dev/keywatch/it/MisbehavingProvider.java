package dev.keywatch.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.GZIPOutputStream;

/**
 * A provider (or the gateway in front of one) whose 401 bodies are everything but the tidy JSON the
 * classifier is written for: huge, gzip, chunked with pauses, HTML, a JSON array, cut short, or never
 * ending. Raw sockets on loopback, plain HTTP/1.1, one connection per exchange, so that each fault is
 * exactly the bytes written here. The fault is the path's last segment: {@code /v1/chat/completions/gzip}.
 */
final class MisbehavingProvider implements AutoCloseable {
    static final String INVALID_KEY = "{\"error\":{\"message\":\"Incorrect API key provided: sk-proj-****. You can "
            + "find your API key at https://platform.openai.com/account/api-keys.\",\"type\":\"invalid_request_error\","
            + "\"param\":null,\"code\":\"invalid_api_key\"}}";
    static final String GOOGLE_ARRAY = "[{\"error\":{\"code\":401,\"message\":\"Request had invalid authentication "
            + "credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.\","
            + "\"status\":\"UNAUTHENTICATED\"}}]";
    static final String GATEWAY_HTML = "<html>\r\n<head><title>401 Authorization Required</title></head>\r\n<body>\r\n"
            + "<center><h1>401 Authorization Required</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
    static final int HUGE_PADDING = 4 << 20;

    private final ServerSocket server;
    private final ExecutorService connections = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "misbehaving-provider");
        t.setDaemon(true);
        return t;
    });

    MisbehavingProvider() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        connections.execute(this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connections.execute(() -> serve(socket));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (Socket s = socket) {
            InputStream in = s.getInputStream();
            String head = readHead(in);
            readRequestBody(in, head);
            String fault = fault(head);
            OutputStream out = s.getOutputStream();
            switch (fault) {
                case "huge":
                    fixed(out, "application/json", null, hugeBody());
                    break;
                case "gzip":
                    fixed(out, "application/json", "gzip", gzip(INVALID_KEY));
                    break;
                case "chunked":
                    chunked(s, out, INVALID_KEY, 3, false);
                    break;
                case "html":
                    fixed(out, "text/html", null, GATEWAY_HTML.getBytes(StandardCharsets.UTF_8));
                    break;
                case "array":
                    fixed(out, "application/json", null, GOOGLE_ARRAY.getBytes(StandardCharsets.UTF_8));
                    break;
                case "truncated": {
                    // Content-Length promises more than is sent; then the connection closes.
                    byte[] body = INVALID_KEY.getBytes(StandardCharsets.UTF_8);
                    out.write(head(body.length + 200, "application/json", null, false));
                    out.write(body, 0, body.length / 2);
                    out.flush();
                    break;
                }
                case "never-ends":
                    chunked(s, out, INVALID_KEY, 2, true);
                    break;
                default:
                    fixed(out, "application/json", null, INVALID_KEY.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException | InterruptedException clientWentAway) {
            // the client timed out or closed: nothing to do
        }
    }

    /** The provider's error first, then 4 MiB of padding: far more than any copy. */
    static byte[] hugeBody() {
        StringBuilder body = new StringBuilder(INVALID_KEY.length() + HUGE_PADDING + 16);
        body.append(INVALID_KEY, 0, INVALID_KEY.length() - 1).append(",\"padding\":\"");
        for (int i = 0; i < HUGE_PADDING; i++) body.append('x');
        return body.append("\"}").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void fixed(OutputStream out, String type, String encoding, byte[] body) throws IOException {
        out.write(head(body.length, type, encoding, false));
        out.write(body);
        out.flush();
    }

    /**
     * The body in {@code pieces} chunks with pauses between them; with {@code never}, only the first piece
     * is sent and the connection is held open until the client gives up.
     */
    private static void chunked(Socket socket, OutputStream out, String body, int pieces, boolean never)
            throws IOException, InterruptedException {
        out.write(head(-1, "application/json", null, true));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        int step = (bytes.length + pieces - 1) / pieces;
        for (int at = 0; at < bytes.length; at += step) {
            int n = Math.min(step, bytes.length - at);
            out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(bytes, at, n);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            if (never) {
                holdUntilClientLeaves(socket);
                return;
            }
            Thread.sleep(50);
        }
        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Blocks until the client closes its end (a read of -1 or a reset), or a minute has passed. */
    private static void holdUntilClientLeaves(Socket socket) {
        try {
            socket.setSoTimeout(60_000);
            while (socket.getInputStream().read() >= 0) {
                // a client sends nothing more on this connection; whatever it is, it is ignored
            }
        } catch (IOException gone) {
            // reset, or the minute ran out
        }
    }

    private static byte[] head(int length, String type, String encoding, boolean chunked) {
        StringBuilder h = new StringBuilder("HTTP/1.1 401 Unauthorized\r\n")
                .append("Content-Type: ").append(type).append("\r\n")
                .append("x-request-id: req_0123456789abcdef0123456789abcdef\r\n")
                .append("Connection: close\r\n");
        if (encoding != null) h.append("Content-Encoding: ").append(encoding).append("\r\n");
        if (chunked) {
            h.append("Transfer-Encoding: chunked\r\n");
        } else {
            h.append("Content-Length: ").append(length).append("\r\n");
        }
        return h.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        int b;
        while (matched < 4 && (b = in.read()) >= 0) {
            head.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /**
     * Reads the request body to its end, sized or chunked (Reactor Netty streams a body chunked): a socket
     * closed with request bytes unread is reset, and the client would never see the response.
     */
    private static void readRequestBody(InputStream in, String head) throws IOException {
        String length = header(head, "content-length");
        if (length != null) {
            in.readNBytes(Integer.parseInt(length));
        } else if ("chunked".equalsIgnoreCase(header(head, "transfer-encoding"))) {
            for (int size; (size = Integer.parseInt(readLine(in).split(";")[0].trim(), 16)) > 0; ) {
                in.readNBytes(size);
                readLine(in);
            }
            readLine(in);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b; (b = in.read()) >= 0 && b != '\n'; ) {
            if (b != '\r') line.append((char) b);
        }
        return line.toString();
    }

    private static String header(String head, String name) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }

    private static String fault(String head) {
        String target = head.split(" ", 3)[1];
        int query = target.indexOf('?');
        String path = query < 0 ? target : target.substring(0, query);
        return path.substring(path.lastIndexOf('/') + 1);
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        connections.shutdownNow();
    }
}
