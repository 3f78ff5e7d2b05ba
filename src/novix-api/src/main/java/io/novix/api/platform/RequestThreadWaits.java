package io.novix.api.platform;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;

/**
 * Where an inference answer leaves from. A few request threads (NOVIX_REQUEST_THREAD_WAITS, 32) wait
 * for their own call's answer and write it themselves: at low concurrency the answer then crosses no
 * thread hand-off back into the container, each of which costs up to a millisecond on an idle machine
 * (bench/RESULTS.md). Beyond those, calls stay asynchronous, so thousands in flight hold no thread.
 */
@ApplicationScoped
public class RequestThreadWaits {

    @ConfigProperty(name = "NOVIX_REQUEST_THREAD_WAITS", defaultValue = "32")
    int waits;

    private Semaphore permits;

    @PostConstruct
    void init() {
        if (waits < 0 || waits > 1024) {
            throw new IllegalArgumentException("NOVIX_REQUEST_THREAD_WAITS must be 0-1024, not " + waits);
        }
        permits = new Semaphore(waits);
    }

    /** The answer, waited for on this thread when a place is free; else the stage as it is. */
    public CompletionStage<Response> settle(CompletionStage<Response> stage) {
        CompletableFuture<Response> answer = stage.toCompletableFuture();
        if (answer.isDone() || !permits.tryAcquire()) {
            return stage;
        }
        try {
            // bounded: every call's stage completes, at the latest when the upstream's read timeout fires
            return CompletableFuture.completedFuture(answer.get());
        } catch (ExecutionException e) {
            return stage; // the failure takes its usual asynchronous path to the error mappers
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return stage;
        } finally {
            permits.release();
        }
    }
}
