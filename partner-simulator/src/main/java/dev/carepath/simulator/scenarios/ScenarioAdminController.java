package dev.carepath.simulator.scenarios;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sandbox scenario switchboard.
 * <ul>
 *   <li>{@code PUT /admin/scenarios/{clientReference}} with a {@link SandboxScenario} sets the order's scenario
 *       (replacing an earlier one) and answers it; a field the scenario does not know, or a value it does not
 *       allow, is answered 400 and changes nothing;</li>
 *   <li>{@code GET /admin/scenarios}: the scenarios in force, by client reference;</li>
 *   <li>{@code DELETE /admin/scenarios/{clientReference}} removes one, {@code DELETE /admin/scenarios} all.</li>
 * </ul>
 */
@RestController
@RequestMapping("/admin/scenarios")
class ScenarioAdminController {

    private static final Logger log = LoggerFactory.getLogger(ScenarioAdminController.class);
    private static final int MAX_REFERENCE_LENGTH = 100;

    private final SandboxScenarios scenarios;
    private final ObjectMapper json;

    ScenarioAdminController(SandboxScenarios scenarios, ObjectMapper json) {
        this.scenarios = scenarios;
        this.json = json;
    }

    @GetMapping
    Map<String, SandboxScenario> current() {
        return scenarios.all();
    }

    @PutMapping("/{clientReference}")
    SandboxScenario put(@PathVariable String clientReference, @RequestBody JsonNode body) {
        if (clientReference.isBlank() || clientReference.length() > MAX_REFERENCE_LENGTH) {
            throw new IllegalArgumentException("the client reference must be 1 to " + MAX_REFERENCE_LENGTH
                    + " characters");
        }
        SandboxScenario scenario = read(body);
        scenarios.put(clientReference, scenario);
        log.info("Scenario for {} now {}", clientReference, scenario);
        return scenario;
    }

    @DeleteMapping("/{clientReference}")
    ResponseEntity<Void> remove(@PathVariable String clientReference) {
        scenarios.remove(clientReference);
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping
    ResponseEntity<Void> clear() {
        scenarios.clear();
        log.info("Scenarios cleared");
        return ResponseEntity.noContent().build();
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail invalidScenario(IllegalArgumentException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    /** The scenario in the body; a misspelt field is refused rather than silently ignored. */
    private SandboxScenario read(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new IllegalArgumentException("a scenario is a JSON object");
        }
        List<String> unknown = new ArrayList<>();
        body.fieldNames().forEachRemaining(field -> {
            if (!SandboxScenario.FIELDS.contains(field)) {
                unknown.add(field);
            }
        });
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown scenario fields " + unknown + "; known: "
                    + SandboxScenario.FIELDS.stream().sorted().toList());
        }
        try {
            return json.treeToValue(body, SandboxScenario.class);
        } catch (JsonProcessingException e) {
            if (e.getCause() instanceof IllegalArgumentException invalid) {
                throw invalid;
            }
            throw new IllegalArgumentException("the scenario's fields have the wrong types");
        }
    }
}
