package io.novix.hf;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hardening class 4: an upstream answer is read only up to its bound, then the connection is cut. */
class BoundedBodyTest {

    @Test
    void anAnswerWithinTheBoundIsReadWhole() throws Exception {
        var body = BoundedBody.subscriber(8);
        body.onSubscribe(subscription(new AtomicBoolean()));
        body.onNext(List.of(ByteBuffer.wrap("abcd".getBytes()), ByteBuffer.wrap("efgh".getBytes())));
        body.onComplete();
        assertArrayEquals("abcdefgh".getBytes(), body.getBody().toCompletableFuture().get());
    }

    @Test
    void aLargerAnswerIsCutOffAndFails() {
        AtomicBoolean cancelled = new AtomicBoolean();
        var body = BoundedBody.subscriber(8);
        body.onSubscribe(subscription(cancelled));
        body.onNext(List.of(ByteBuffer.wrap("abcdefghi".getBytes())));
        ExecutionException e = assertThrows(ExecutionException.class, () -> body.getBody().toCompletableFuture().get());
        assertInstanceOf(BoundedBody.TooLarge.class, e.getCause());
        assertTrue(cancelled.get(), "the upstream connection is cancelled, not drained");
    }

    private static Flow.Subscription subscription(AtomicBoolean cancelled) {
        return new Flow.Subscription() {
            @Override
            public void request(long n) {
            }

            @Override
            public void cancel() {
                cancelled.set(true);
            }
        };
    }
}
