package io.novix.api.inference;

import jakarta.annotation.PostConstruct;
import io.novix.core.kernel.OneInstance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.concurrent.Semaphore;

/**
 * How many request threads may wait on themselves for their call's answer. Waiting saves every
 * hand-off between threads (the HTTP client's, the async resume) and is what one connection's
 * latency and the throughput at 64 connections are made of; past the bound, calls go asynchronous,
 * so 2,000 calls in flight still hold only this many threads. Liberty's core pool is this bound
 * plus 32 ({@code liberty/includes/http.xml}), so the calls past it never queue behind the waiters.
 */
@OneInstance
public class WaitingThreads {

    @Inject
    @ConfigProperty(name = "novix.inference.waiting-threads", defaultValue = "64")
    int bound;

    private Semaphore permits;

    @PostConstruct
    void size() {
        permits = new Semaphore(Math.max(0, bound));
    }

    /** A place to wait, if one is free; {@link #leave} it when the answer is there. */
    public boolean enter() {
        return permits.tryAcquire();
    }

    public void leave() {
        permits.release();
    }
}
