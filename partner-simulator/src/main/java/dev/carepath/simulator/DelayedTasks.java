package dev.carepath.simulator;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The partners' clock: runs what happens later (a visit completing, a parcel shipping, a webhook retry) on a
 * scheduled executor. A failing task is logged, not lost silently; tasks still pending at shutdown are dropped.
 * A task that should no longer happen (a cancelled prescription's dispensing) is cancelled through its handle.
 */
@Component
public class DelayedTasks implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DelayedTasks.class);

    private final ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(2, daemonThreads());

    public DelayedTasks() {
        // A cancelled task leaves the queue at once instead of waiting there for its time.
        executor.setRemoveOnCancelPolicy(true);
    }

    /**
     * Runs {@code task} after {@code delay}; {@code description} names it in logs.
     *
     * @return the scheduled task, to {@link Future#cancel cancel} it while it has not started; already cancelled
     *         when the simulator is stopping
     */
    public Future<?> after(Duration delay, String description, Runnable task) {
        try {
            return executor.schedule(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    log.error("Simulator task failed: {}", description, e);
                }
            }, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            log.debug("Simulator is stopping; dropped {}", description);
            CompletableFuture<Void> dropped = new CompletableFuture<>();
            dropped.cancel(false);
            return dropped;
        }
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "simulator-timer-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
