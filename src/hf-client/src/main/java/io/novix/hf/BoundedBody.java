package io.novix.hf;

import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.http.HttpFields;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

/**
 * An upstream answer read into memory up to a bound: a larger answer is cut off (the connection
 * aborted) and fails with {@link TooLarge}, so no upstream can make Novix buffer without limit.
 */
final class BoundedBody implements Response.Listener {

    /** The failure of an answer over the bound. */
    static final class TooLarge extends IOException {
        TooLarge(long limit) {
            super("the upstream answer is larger than " + limit + " bytes");
        }
    }

    /** A whole answer: its status, headers and body. */
    record Received(int status, HttpFields headers, byte[] body) {
    }

    private final long limit;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final CompletableFuture<Received> result = new CompletableFuture<>();
    private boolean cut;

    BoundedBody(long limit) {
        this.limit = limit;
    }

    /** Completes when the exchange ends: with the answer, or exceptionally with the transport's failure. */
    CompletableFuture<Received> result() {
        return result;
    }

    @Override
    public void onContent(Response response, ByteBuffer content) {
        if (cut) {
            return;
        }
        if (bytes.size() + (long) content.remaining() > limit) {
            cut = true;
            response.abort(new TooLarge(limit));
            return;
        }
        byte[] chunk = new byte[content.remaining()];
        content.get(chunk);
        bytes.writeBytes(chunk);
    }

    @Override
    public void onComplete(Result exchange) {
        if (exchange.isFailed()) {
            result.completeExceptionally(exchange.getFailure());
        } else {
            Response response = exchange.getResponse();
            result.complete(new Received(response.getStatus(), response.getHeaders(), bytes.toByteArray()));
        }
    }
}
