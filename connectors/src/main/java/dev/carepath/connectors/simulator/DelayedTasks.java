package dev.carepath.connectors.simulator;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
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
 */
@Component
public class DelayedTasks implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DelayedTasks.class);

    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(2, daemonThreads());

    /** Runs {@code task} after {@code delay}; {@code description} names it in logs. */
    public void after(Duration delay, String description, Runnable task) {
        try {
            executor.schedule(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    log.error("Simulator task failed: {}", description, e);
                }
            }, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            log.debug("Simulator is stopping; dropped {}", description);
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
