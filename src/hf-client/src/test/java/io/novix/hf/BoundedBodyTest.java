package io.novix.hf;

import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.http.HttpFields;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Hardening class 4: an upstream answer is read only up to its bound, then the connection is cut. */
class BoundedBodyTest {

    @Test
    void anAnswerWithinTheBoundIsReadWhole() throws Exception {
        AtomicReference<Throwable> aborted = new AtomicReference<>();
        Response response = response(aborted);
        BoundedBody body = new BoundedBody(8);
        body.onContent(response, ByteBuffer.wrap("abcd".getBytes()));
        body.onContent(response, ByteBuffer.wrap("efgh".getBytes()));
        body.onComplete(new Result(null, response));
        assertArrayEquals("abcdefgh".getBytes(), body.result().get().body());
        assertEquals(200, body.result().get().status());
        assertNull(aborted.get());
    }

    @Test
    void aLargerAnswerIsCutOffAndFails() {
        AtomicReference<Throwable> aborted = new AtomicReference<>();
        Response response = response(aborted);
        BoundedBody body = new BoundedBody(8);
        body.onContent(response, ByteBuffer.wrap("abcdefghi".getBytes()));
        assertInstanceOf(BoundedBody.TooLarge.class, aborted.get(), "the upstream connection is aborted, not drained");
        body.onComplete(new Result(null, null, response, aborted.get())); // what the client reports after the abort
        ExecutionException e = assertThrows(ExecutionException.class, () -> body.result().get());
        assertInstanceOf(BoundedBody.TooLarge.class, e.getCause());
    }

    /** A 200 answer that records what it was aborted with. */
    private static Response response(AtomicReference<Throwable> aborted) {
        return (Response) Proxy.newProxyInstance(Response.class.getClassLoader(), new Class<?>[] {Response.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "abort" -> {
                        aborted.set((Throwable) args[0]);
                        yield CompletableFuture.completedFuture(true);
                    }
                    case "getStatus" -> 200;
                    case "getHeaders" -> HttpFields.EMPTY;
                    default -> null;
                });
    }
}
