package io.novix.hf;

import java.util.function.Supplier;

/**
 * Marks the current thread as one whose caller waits for the answer anyway: a request thread that
 * will block until the reply is ready. A whole chat answer asked for on such a thread is fetched on
 * it ({@link BlockingPosts}) instead of being handed to the HTTP client's threads and back, which on
 * a lightly loaded machine costs a wake-up of an idle CPU per hand-off (bench/RESULTS.md). Only the
 * synchronous part of {@code work} is marked: continuations on other threads never block.
 */
public final class CallerWaits {

    private static final ThreadLocal<Boolean> WAITING = new ThreadLocal<>();

    private CallerWaits() {
    }

    /** Runs {@code work} with this thread marked. */
    public static <T> T on(Supplier<T> work) {
        Boolean before = WAITING.get();
        WAITING.set(Boolean.TRUE);
        try {
            return work.get();
        } finally {
            // set, not removed: a pooled request thread keeps its entry, and a removal's clean-up of the
            // thread's map (which Liberty fills with its own) was measurable on every call
            WAITING.set(before == null ? Boolean.FALSE : before);
        }
    }

    static boolean here() {
        return WAITING.get() == Boolean.TRUE;
    }
}
