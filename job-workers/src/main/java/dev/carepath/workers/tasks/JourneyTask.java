package dev.carepath.workers.tasks;

import dev.carepath.connectors.partner.PartnerCircuitOpenException;
import dev.carepath.connectors.partner.PartnerRejectedException;
import dev.carepath.connectors.partner.PartnerUnavailableException;
import dev.carepath.eventing.EventTracing;
import io.micrometer.tracing.Span;
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
import org.springframework.beans.factory.annotation.Autowired;

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

    /**
     * The variable in which the engine hands its trace to the task (W3C traceparent, no PHI): every subscription
     * fetches it, and the task runs in a span of that trace (docs/adr/0019-observability.md).
     */
    public static final String TRACEPARENT = EventTracing.TRACEPARENT;

    private static final Logger log = LoggerFactory.getLogger(JourneyTask.class);
    /** Tasks whose circuit waits are counted at once; beyond (tasks gone from the engine), the counts restart. */
    private static final int MAX_TRACKED_TASKS = 10_000;

    private final String topic;
    private final Set<String> declaredErrors;
    private final RetryPolicy retries;
    /** Per external task id: how often in a row this worker found the partner's circuit open for it. */
    private final Map<String, Integer> circuitOpenWaits = new ConcurrentHashMap<>();
    private EventTracing tracing = EventTracing.none();
    private TaskMetrics metrics = TaskMetrics.none();

    protected JourneyTask(String topic, Set<String> declaredErrors, RetryPolicy retries) {
        this.topic = topic;
        this.declaredErrors = declaredErrors;
        this.retries = retries;
    }

    /** The trace and metrics of every task this handler runs; without them, tasks run untraced and unmeasured. */
    @Autowired(required = false)
    public final void observe(EventTracing tracing, TaskMetrics metrics) {
        this.tracing = tracing;
        this.metrics = metrics;
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
            // The engine's trace goes on: the partner call (HTTP client observation), the events this task appends
            // and its completion over the engine REST API all carry this span's trace id.
            String outcome = tracing.inSpan("external-task " + topic, task.getVariable(TRACEPARENT),
                    Span.Kind.CONSUMER, Map.of("carepath.topic", topic),
                    () -> report(task, service, outcomeOf(task), started));
            metrics.handled(topic, outcome, Duration.ofNanos(System.nanoTime() - started), task.getLockExpirationTime());
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

    /** Reports the outcome to the engine; returns its name for the metrics. */
    private String report(ExternalTask task, ExternalTaskService service, Outcome outcome, long started) {
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        String taskId = task.getId();
        if (taskId != null) {
            outcome = countingCircuitOpenWaits(taskId, outcome);
        }
        try {
            if (outcome instanceof Outcome.Completed completed) {
                service.complete(task, completed.variables());
                log.info("{} completed in {} ms", topic, millis);
                return "completed";
            } else if (outcome instanceof Outcome.BusinessError error) {
                service.handleBpmnError(task, error.code(), error.reason());
                log.info("{} ended with BPMN error {} in {} ms", topic, error.code(), millis);
                return "bpmn-error";
            } else if (outcome instanceof Outcome.CircuitOpen open) {
                int left = retries.retriesUnspent(task.getRetries());
                service.handleFailure(task, open.message(), open.cause().getClass().getName(), left,
                        open.retryAfter().toMillis());
                log.info("{} not tried after {} ms, circuit open: next try in {} ms, {} retries left", topic, millis,
                        open.retryAfter().toMillis(), left);
                return "circuit-open";
            } else if (outcome instanceof Outcome.Failed failed) {
                int left = failed.incidentNow() ? 0 : retries.retriesLeft(task.getRetries());
                long backoff = retries.backoffMillis(left);
                service.handleFailure(task, failed.message(), failed.cause().getClass().getName(), left, backoff);
                log.warn("{} failed after {} ms, {} retries left: {}", topic, millis, left, failed.message());
                return left == 0 ? "incident" : "failed";
            }
            throw new IllegalStateException("unknown outcome " + outcome);
        } catch (RuntimeException e) {
            // The engine did not take the outcome (lock expired, task gone, engine down). The task will be
            // fetched again and this idempotent worker will find its earlier result.
            log.warn("{} outcome not reported to the engine: {}", topic, e.toString());
            return "not-reported";
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
