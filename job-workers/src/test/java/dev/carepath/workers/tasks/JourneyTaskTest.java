package dev.carepath.workers.tasks;

import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.carepath.connectors.partner.PartnerCircuitOpenException;
import dev.carepath.connectors.partner.PartnerUnavailableException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskService;
import org.junit.jupiter.api.Test;

/**
 * How a task reports a partner it could not reach: a try the circuit breaker refused (the partner was not
 * called) waits out the open window and keeps its retries, a bounded number of times in a row; a partner that
 * was called and failed spends a retry with backoff.
 */
class JourneyTaskTest {

    private static final RetryPolicy POLICY = new RetryPolicy(12, Duration.ofSeconds(2), Duration.ofSeconds(60), 3);
    private static final Duration OPEN_FOR = Duration.ofMillis(7_300);

    private final ExternalTaskService service = mock(ExternalTaskService.class);

    @Test
    void aTryTheCircuitBreakerRefusedWaitsOutTheOpenWindowAndKeepsItsRetries() {
        JourneyTask worker = failingWith(() -> circuitOpen());

        worker.execute(task("t-1", 7), service);

        verify(service).handleFailure(task(), anyString(), eq(PartnerCircuitOpenException.class.getName()), eq(7),
                eq(OPEN_FOR.toMillis()));
    }

    @Test
    void aFirstTryTheCircuitBreakerRefusedKeepsEveryTry() {
        JourneyTask worker = failingWith(() -> circuitOpen());

        worker.execute(task("t-1", null), service);

        verify(service).handleFailure(task(), anyString(), anyString(), eq(12), eq(OPEN_FOR.toMillis()));
    }

    @Test
    void pastTheConfiguredWaitsInARowARefusalSpendsATry() {
        JourneyTask worker = failingWith(() -> circuitOpen());
        ExternalTask task = task("t-1", 7);

        for (int i = 0; i < 3; i++) {
            worker.execute(task, service);
        }
        verify(service, org.mockito.Mockito.times(3)).handleFailure(task(), anyString(), anyString(), eq(7),
                eq(OPEN_FOR.toMillis()));

        worker.execute(task, service);

        verify(service).handleFailure(task(), anyString(), anyString(), eq(6), eq(POLICY.backoffMillis(6)));
        // A new run of waits starts after the spent try.
        worker.execute(task("t-1", 6), service);
        verify(service).handleFailure(task(), anyString(), anyString(), eq(6), eq(OPEN_FOR.toMillis()));
    }

    @Test
    void aPartnerThatWasCalledAndFailedSpendsATryWithBackoff() {
        JourneyTask worker = failingWith(() -> new PartnerUnavailableException("acme", "acme ping answered 503", null));

        worker.execute(task("t-1", 7), service);

        verify(service).handleFailure(task(), anyString(), eq(PartnerUnavailableException.class.getName()), eq(6),
                eq(POLICY.backoffMillis(6)));
    }

    private static PartnerCircuitOpenException circuitOpen() {
        return new PartnerCircuitOpenException("acme", "acme ping not attempted: circuit open", OPEN_FOR, null);
    }

    private static JourneyTask failingWith(Supplier<RuntimeException> failure) {
        return new JourneyTask("test-topic", Set.of(), POLICY) {
            @Override
            protected Map<String, Object> perform(ExternalTask task) {
                throw failure.get();
            }
        };
    }

    private ExternalTask task(String id, Integer retries) {
        ExternalTask task = mock(ExternalTask.class);
        when(task.getId()).thenReturn(id);
        when(task.getRetries()).thenReturn(retries);
        return task;
    }

    /** Matches any task: the worker reports on the task it was given. */
    private static ExternalTask task() {
        return org.mockito.ArgumentMatchers.any(ExternalTask.class);
    }
}
