package dev.carepath.workers.partners;

import dev.carepath.connectors.partner.PartnerHttp;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.util.Comparator;
import java.util.List;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /internal/partners}: every partner this node has called, with its circuit breaker's state and what its
 * sliding window holds (the recent calls, the failure rate among them in percent, -1 until the window has its minimum
 * number of calls), for the staff console. A node that has not called a partner yet does not list it. Internal
 * only, for a caller holding a clinical service credential.
 */
@RestController
class PartnerHealthController {

    /** One partner's breaker as the console shows it. */
    record PartnerHealth(String partner, String state, float failureRatePercent, int bufferedCalls, int failedCalls,
            long notPermittedCalls) {

        static PartnerHealth of(CircuitBreaker breaker) {
            CircuitBreaker.Metrics metrics = breaker.getMetrics();
            return new PartnerHealth(breaker.getName(), breaker.getState().name(), metrics.getFailureRate(),
                    metrics.getNumberOfBufferedCalls(), metrics.getNumberOfFailedCalls(),
                    metrics.getNumberOfNotPermittedCalls());
        }
    }

    private final PartnerHttp partners;

    PartnerHealthController(PartnerHttp partners) {
        this.partners = partners;
    }

    @GetMapping("/internal/partners")
    ResponseEntity<List<PartnerHealth>> partners() {
        List<PartnerHealth> health = partners.circuitBreakers().getAllCircuitBreakers().stream()
                .map(PartnerHealth::of)
                .sorted(Comparator.comparing(PartnerHealth::partner))
                .toList();
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(health);
    }
}
