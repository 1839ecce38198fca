package dev.carepath.workers.tasks;

import dev.carepath.connectors.partner.PartnerCircuitOpenException;
import dev.carepath.connectors.partner.PartnerRejectedException;
import dev.carepath.connectors.partner.PartnerUnavailableException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskHandler;
import org.camunda.bpm.client.task.ExternalTaskService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs one external task of the patient journey and reports its outcome to the engine:
 * <ul>
 *   <li>success: complete with the task's output variables (references only);</li>
 *   <li>a partner's business outcome whose error code the model declares: BPMN error;</li>
 *   <li>a business outcome the model does not catch: an incident at once (retries 0), so no journey
 *       silently ends;</li>
 *   <li>the partner's circuit breaker is open (the partner was not called): a retry once the breaker
 *       lets calls through again, without spending a try; after {@link RetryPolicy#maxCircuitOpenWaits()}
 *       such waits in a row, the next refusal spends one like any failure;</li>
 *   <li>anything else (partner 5xx, timeout, our own failure): a retry with exponential backoff, and
 *       an incident in Cockpit once the retries are spent.</li>
 * </ul>
 * Subclasses must be idempotent: a task may run again after a crash or a lost lock, so they look up
 * their earlier result first and call partners with a stable idempotency key.
 */
public abstract class JourneyTask implements ExternalTaskHandler {

    private static final Logger log = LoggerFactory.getLogger(JourneyTask.class);
    /** Tasks whose circuit waits are counted at once; beyond (tasks gone from the engine), the counts restart. */
    private static final int MAX_TRACKED_TASKS = 10_000;

    private final String topic;
    private final Set<String> declaredErrors;
    private final RetryPolicy retries;
    /** Per external task id: how often in a row this worker found the partner's circuit open for it. */
    private final Map<String, Integer> circuitOpenWaits = new ConcurrentHashMap<>();

    protected JourneyTask(String topic, Set<String> declaredErrors, RetryPolicy retries) {
        this.topic = topic;
        this.declaredErrors = declaredErrors;
        this.retries = retries;
    }

    /** Does the work of the task and returns its output variables. */
    protected abstract Map<String, Object> perform(ExternalTask task);

    @Override
    public final void execute(ExternalTask task, ExternalTaskService service) {
        MDC.put("journeyId", String.valueOf(task.getBusinessKey()));
        MDC.put("tenantId", String.valueOf(task.getTenantId()));
        MDC.put("topic", topic);
        long started = System.nanoTime();
        try {
            report(task, service, outcomeOf(task), started);
        } finally {
            MDC.remove("journeyId");
            MDC.remove("tenantId");
            MDC.remove("topic");
        }
    }

    private Outcome outcomeOf(ExternalTask task) {
        try {
            return new Outcome.Completed(perform(task));
        } catch (PartnerRejectedException e) {
            return declaredErrors.contains(e.code())
                    ? new Outcome.BusinessError(e.code(), e.reason())
                    : new Outcome.Failed("partner " + e.partner() + " rejected: " + e.code(), e, true);
        } catch (PartnerCircuitOpenException e) {
            return new Outcome.CircuitOpen("partner " + e.partner() + " unavailable: " + e.getMessage(), e,
                    e.retryAfter());
        } catch (PartnerUnavailableException e) {
            return new Outcome.Failed("partner " + e.partner() + " unavailable: " + e.getMessage(), e, false);
        } catch (RuntimeException e) {
            // Only the type: a message of a library exception may quote data, and incidents, history and
            // logs must never hold PHI.
            log.debug("{} failed", topic, e);
            return new Outcome.Failed("failed with " + e.getClass().getSimpleName(), e, false);
        }
    }

    private void report(ExternalTask task, ExternalTaskService service, Outcome outcome, long started) {
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        String taskId = task.getId();
        if (taskId != null) {
            outcome = countingCircuitOpenWaits(taskId, outcome);
        }
        try {
            if (outcome instanceof Outcome.Completed completed) {
                service.complete(task, completed.variables());
                log.info("{} completed in {} ms", topic, millis);
            } else if (outcome instanceof Outcome.BusinessError error) {
                service.handleBpmnError(task, error.code(), error.reason());
                log.info("{} ended with BPMN error {} in {} ms", topic, error.code(), millis);
            } else if (outcome instanceof Outcome.CircuitOpen open) {
                int left = retries.retriesUnspent(task.getRetries());
                service.handleFailure(task, open.message(), open.cause().getClass().getName(), left,
                        open.retryAfter().toMillis());
                log.info("{} not tried after {} ms, circuit open: next try in {} ms, {} retries left", topic, millis,
                        open.retryAfter().toMillis(), left);
            } else if (outcome instanceof Outcome.Failed failed) {
                int left = failed.incidentNow() ? 0 : retries.retriesLeft(task.getRetries());
                long backoff = retries.backoffMillis(left);
                service.handleFailure(task, failed.message(), failed.cause().getClass().getName(), left, backoff);
                log.warn("{} failed after {} ms, {} retries left: {}", topic, millis, left, failed.message());
            }
        } catch (RuntimeException e) {
            // The engine did not take the outcome (lock expired, task gone, engine down). The task will be
            // fetched again and this idempotent worker will find its earlier result.
            log.warn("{} outcome not reported to the engine: {}", topic, e.toString());
        }
    }

    /** A circuit-open outcome past the waits allowed in a row becomes an ordinary failure, which spends a try. */
    private Outcome countingCircuitOpenWaits(String taskId, Outcome outcome) {
        if (!(outcome instanceof Outcome.CircuitOpen open)) {
            circuitOpenWaits.remove(taskId);
            return outcome;
        }
        if (circuitOpenWaits.size() >= MAX_TRACKED_TASKS) {
            circuitOpenWaits.clear();
        }
        if (circuitOpenWaits.merge(taskId, 1, Integer::sum) > retries.maxCircuitOpenWaits()) {
            circuitOpenWaits.remove(taskId);
            return new Outcome.Failed(open.message(), open.cause(), false);
        }
        return outcome;
    }

    private sealed interface Outcome {
        record Completed(Map<String, Object> variables) implements Outcome { }

        record BusinessError(String code, String reason) implements Outcome { }

        record Failed(String message, Throwable cause, boolean incidentNow) implements Outcome { }

        record CircuitOpen(String message, Throwable cause, Duration retryAfter) implements Outcome { }
    }
}
