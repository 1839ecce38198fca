package dev.carepath.simulator.faults;

import dev.carepath.simulator.PartnerKind;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The fault switchboard.
 * <ul>
 *   <li>{@code GET /admin/faults}: the faults in force, per kind;</li>
 *   <li>{@code POST /admin/faults/{kind}} with any of {@code latencyMs} ({@code {"min": 0, "max": 10}}),
 *       {@code errorRate}, {@code timeoutRate}, {@code timeoutMs}, {@code declineRate},
 *       {@code duplicateWebhookRate}, {@code outOfOrderWebhookRate}, {@code lateWebhookRate},
 *       {@code lateWebhookDelay} ({@code "5s"}) changes one kind;</li>
 *   <li>{@code POST /admin/faults/profile/{name}} ({@code calm}, {@code chaos}) sets every kind;</li>
 *   <li>{@code DELETE /admin/faults} restores the configured faults.</li>
 * </ul>
 */
@RestController
@RequestMapping("/admin/faults")
class FaultAdminController {

    private static final Logger log = LoggerFactory.getLogger(FaultAdminController.class);

    private final FaultInjector faults;

    FaultAdminController(FaultInjector faults) {
        this.faults = faults;
    }

    @GetMapping
    Map<String, FaultSettings> current() {
        Map<String, FaultSettings> byKind = new LinkedHashMap<>();
        faults.all().forEach((kind, settings) -> byKind.put(kind.id(), settings));
        return byKind;
    }

    @PostMapping("/{kind}")
    FaultSettings update(@PathVariable String kind, @RequestBody FaultChange change) {
        PartnerKind partnerKind = PartnerKind.byId(kind)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No partner kind " + kind));
        FaultSettings settings = faults.update(partnerKind, change);
        log.info("Faults for {} now {}", partnerKind.id(), settings);
        return settings;
    }

    @PostMapping("/profile/{name}")
    Map<String, FaultSettings> applyProfile(@PathVariable String name) {
        FaultProfile profile = FaultProfile.byId(name)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No fault profile " + name));
        faults.apply(profile);
        log.info("Fault profile {} applied to every partner kind", profile.id());
        return current();
    }

    @DeleteMapping
    Map<String, FaultSettings> reset() {
        faults.reset();
        log.info("Faults reset to configuration");
        return current();
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail invalidSettings(IllegalArgumentException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }
}
