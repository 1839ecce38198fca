package dev.carepath.eventing;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.MDC;

/**
 * Carries a trace across the event backbone (docs/adr/0019-observability.md): the outbox stores the W3C
 * {@code traceparent} of the span current when the event was appended, and every consumer continues that trace in
 * a span of its own while it applies the event. The relay's publish and the broker hop in between keep the event as
 * it was written, so the trace id a consumer logs is the one the producer logged, whatever retries, redeliveries or
 * relay restarts came between.
 *
 * <p>Without a tracer (a deployable built without Micrometer Tracing, or a unit test), {@link #none()} reads the
 * {@code traceparent} MDC key as the outbox always did, and consumers run without a span.
 */
public class EventTracing {

    /** The W3C Trace Context header and envelope attribute. */
    public static final String TRACEPARENT = "traceparent";

    private static final EventTracing NONE = new EventTracing(null, null);

    private final Tracer tracer;
    private final Propagator propagator;

    public EventTracing(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** No tracer: the traceparent comes from the MDC (if anything put it there), consumers open no span. */
    public static EventTracing none() {
        return NONE;
    }

    /** The {@code traceparent} of the current span, or {@code null} when none is current. */
    public String currentTraceparent() {
        if (tracer == null) {
            return MDC.get(TRACEPARENT);
        }
        Span span = tracer.currentSpan();
        if (span == null) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>();
        propagator.inject(span.context(), carrier, Map::put);
        return carrier.get(TRACEPARENT);
    }

    /**
     * Runs {@code work} in a new span named {@code name} whose parent is {@code traceparent} (a new trace when it is
     * {@code null} or unreadable); the span records a failure and ends when {@code work} returns or throws.
     */
    public <T> T inSpan(String name, String traceparent, Span.Kind kind, Map<String, String> tags, Supplier<T> work) {
        if (tracer == null) {
            return work.get();
        }
        Map<String, String> carrier = traceparent == null ? Map.of() : Map.of(TRACEPARENT, traceparent);
        Span span = propagator.extract(carrier, Map::get).name(name).kind(kind).start();
        tags.forEach(span::tag);
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            return work.get();
        } catch (RuntimeException | Error failure) {
            span.error(failure);
            throw failure;
        } finally {
            span.end();
        }
    }

    /** {@link #inSpan(String, String, Span.Kind, Map, Supplier)} for work without a result. */
    public void inSpan(String name, String traceparent, Span.Kind kind, Map<String, String> tags, Runnable work) {
        inSpan(name, traceparent, kind, tags, () -> {
            work.run();
            return null;
        });
    }
}
