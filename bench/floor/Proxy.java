package probe;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * The least any Liberty gateway can do (bench/floor.sh): read the body, forward it, write the answer,
 * with no control at all. /hc5 goes through Apache HttpClient 5 async (Hc5), /classic through its blocking client as
 * Novix's request threads use it for whole answers (Classic), /async through the JDK HttpClient (hf-client's streams), /block
 * over pooled blocking sockets (enough HTTP/1.1 for the stub's fixed-length answers). Not product code.
 */
@WebServlet(urlPatterns = {"/async/*", "/block/*", "/hc5/*", "/classic/*"}, asyncSupported = true)
public class Proxy extends HttpServlet {
    static final String UP = System.getenv("FLOOR_UPSTREAM");
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static final ArrayBlockingQueue<Conn> POOL = new ArrayBlockingQueue<>(256);

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        byte[] body = req.getInputStream().readAllBytes();
        if (req.getServletPath().equals("/block") || req.getServletPath().equals("/classic")) {
            byte[] answer = req.getServletPath().equals("/block") ? blocking(body) : Classic.send(UP + "/v1/chat/completions", body);
            resp.setContentType("application/json");
            resp.setContentLength(answer.length);
            resp.getOutputStream().write(answer);
            return;
        }
        AsyncContext ac = req.startAsync();
        if (req.getServletPath().equals("/hc5")) {
            Hc5.send(UP + "/v1/chat/completions", body, ac);
            return;
        }
        HTTP.sendAsync(HttpRequest.newBuilder(URI.create(UP + "/v1/chat/completions"))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofByteArray())
            .whenComplete((r, e) -> {
                try {
                    HttpServletResponse out = (HttpServletResponse) ac.getResponse();
                    if (e != null) { out.setStatus(502); } else {
                        out.setContentType("application/json");
                        out.setContentLength(r.body().length);
                        out.getOutputStream().write(r.body());
                    }
                } catch (IOException io) { /* client gone */ } finally { ac.complete(); }
            });
    }

    /** HTTP/1.1 over a pooled blocking socket, enough for the stub's fixed-length answers. */
    static byte[] blocking(byte[] body) throws IOException {
        Conn c = POOL.poll();
        if (c != null) {
            try {
                byte[] answer = c.call(body);
                POOL.offer(c);
                return answer;
            } catch (IOException stale) { // the stub closes a keep-alive connection idle for 5 s (Node's default)
                c.s.close();
            }
        }
        c = new Conn();
        byte[] answer = c.call(body);
        POOL.offer(c);
        return answer;
    }

    static final class Conn {
        final Socket s; final InputStream in; final OutputStream out;
        Conn() throws IOException {
            URI u = URI.create(UP);
            s = new Socket(u.getHost(), u.getPort()); s.setTcpNoDelay(true);
            in = new java.io.BufferedInputStream(s.getInputStream()); out = s.getOutputStream();
        }
        byte[] call(byte[] body) throws IOException {
            out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: up\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body); out.flush();
            int len = -1; StringBuilder line = new StringBuilder();
            while (true) {
                int b = in.read(); if (b < 0) throw new IOException("closed");
                if (b == '\n') { String l = line.toString().trim(); line.setLength(0);
                    if (l.isEmpty()) break;
                    if (l.toLowerCase().startsWith("content-length:")) len = Integer.parseInt(l.substring(15).trim());
                } else line.append((char) b);
            }
            return in.readNBytes(len);
        }
    }
}
