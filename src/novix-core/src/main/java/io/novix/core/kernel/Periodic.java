package io.novix.core.kernel;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * A background round run every {@code interval} (at least 100 ms) on the container's scheduler,
 * whose failure is logged and retried at the next round rather than ending the schedule.
 */
public final class Periodic implements AutoCloseable {

    private final ScheduledFuture<?> future;

    private Periodic(ScheduledFuture<?> future) {
        this.future = future;
    }

    public static Periodic every(ScheduledExecutorService scheduler, Duration interval, Runnable round, Logger log, String what) {
        long ms = Math.max(100, interval.toMillis());
        Consumer<RuntimeException> report = e -> log.warning(what + ": " + e.getMessage() + " (retried at the next round)");
        return new Periodic(scheduler.scheduleWithFixedDelay(() -> {
            try {
                round.run();
            } catch (RuntimeException e) {
                report.accept(e);
            } catch (VirtualMachineError fatal) {
                throw fatal;
            } catch (Error e) { // an Error would end the schedule silently: reported, and the round runs again
                log.log(java.util.logging.Level.SEVERE, what + " failed; retried at the next round", e);
            }
        }, ms, ms, TimeUnit.MILLISECONDS));
    }

    @Override
    public void close() {
        future.cancel(false);
    }
}
