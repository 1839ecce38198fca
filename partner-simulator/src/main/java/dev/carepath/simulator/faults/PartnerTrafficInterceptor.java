package dev.carepath.simulator.faults;

import dev.carepath.simulator.PartnerKind;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Sits in front of one partner kind's endpoints: waits the injected latency, answers 503 for the injected share
 * of requests (before the partner does anything), marks the injected share of the others for
 * {@link AnswerWithholdingFilter} (handled, but answered too late), and logs one line per call with partner,
 * operation, status and duration, never bodies.
 */
class PartnerTrafficInterceptor implements HandlerInterceptor {

    private static final Logger log = LoggerFactory.getLogger(PartnerTrafficInterceptor.class);
    private static final List<String> PARTNER_VARIABLES = List.of("processor", "network", "pharmacy", "carrier", "provider");
    private static final String STARTED = PartnerTrafficInterceptor.class.getName() + ".started";

    private final PartnerKind kind;
    private final FaultInjector faults;

    PartnerTrafficInterceptor(PartnerKind kind, FaultInjector faults) {
        this.kind = kind;
        this.faults = faults;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws IOException {
        long started = System.nanoTime();
        request.setAttribute(STARTED, started);
        try {
            Thread.sleep(faults.pickLatencyMs(kind));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unavailable(request, response, handler, started);
        }
        if (faults.failRequest(kind)) {
            return unavailable(request, response, handler, started);
        }
        long withholdMs = faults.withheldAnswerMs(kind);
        if (withholdMs > 0) {
            request.setAttribute(AnswerWithholdingFilter.WITHHOLD_MS, withholdMs);
        }
        return true;
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
                                Exception ex) {
        logCall(request, handler, response.getStatus(), (Long) request.getAttribute(STARTED));
    }

    private boolean unavailable(HttpServletRequest request, HttpServletResponse response, Object handler,
                                long started) throws IOException {
        response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.getWriter().write("{\"error\":\"service_unavailable\"}");
        logCall(request, handler, HttpStatus.SERVICE_UNAVAILABLE.value(), started);
        return false;
    }

    private void logCall(HttpServletRequest request, Object handler, int status, long started) {
        String operation = handler instanceof HandlerMethod method ? method.getMethod().getName() : request.getMethod();
        log.info("kind={} partner={} operation={} status={} durationMs={}", kind.id(), partnerOf(request), operation,
                status, Duration.ofNanos(System.nanoTime() - started).toMillis());
    }

    private static String partnerOf(HttpServletRequest request) {
        if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> variables) {
            for (String name : PARTNER_VARIABLES) {
                if (variables.get(name) instanceof String partner) {
                    return partner;
                }
            }
        }
        return "-";
    }
}
