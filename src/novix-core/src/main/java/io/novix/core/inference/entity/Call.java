package io.novix.core.inference.entity;

import io.novix.core.identity.entity.Caller;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One inference call on its way through the gateway: who, what, and when, gathered for the audit
 * row, plus the caller's place in its tenant's bulkhead (given back exactly once).
 */
public final class Call {

    private final Caller caller;
    private final String action;
    private final String requestId;
    private final long startedNanos;
    private final Instant at;
    private volatile String task;
    private volatile String model;
    private volatile Runnable leave = () -> { };
    private final AtomicBoolean left = new AtomicBoolean();

    public Call(Caller caller, String action, String task, String requestId, long startedNanos, Instant at) {
        this.caller = caller;
        this.action = action;
        this.task = task;
        this.requestId = requestId;
        this.startedNanos = startedNanos;
        this.at = at;
    }

    public Call about(String model, String task) {
        this.model = model;
        this.task = task;
        return this;
    }

    /** What to run when the call is over (leaving the bulkhead). */
    public void onEnd(Runnable leave) {
        this.leave = leave;
    }

    /** Ends the call's hold on shared capacity; later calls do nothing. */
    public void end() {
        if (left.compareAndSet(false, true)) {
            leave.run();
        }
    }

    public int elapsedMs() {
        return (int) ((System.nanoTime() - startedNanos) / 1_000_000);
    }

    public Caller caller() { return caller; }
    public String action() { return action; }
    public String task() { return task; }
    public String model() { return model; }
    public String requestId() { return requestId; }
    public long startedNanos() { return startedNanos; }
    public Instant at() { return at; }
}
