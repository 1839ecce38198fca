package dev.carepath.simulator.telehealth;

import dev.carepath.simulator.DelayedTasks;
import dev.carepath.simulator.IdempotentReplies;
import dev.carepath.simulator.Npi;
import dev.carepath.simulator.PartnerKind;
import dev.carepath.simulator.Reply;
import dev.carepath.simulator.scenarios.SandboxScenario;
import dev.carepath.simulator.scenarios.SandboxScenarios;
import dev.carepath.simulator.webhooks.WebhookSender;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The networks' API. {@code POST /telehealth/{network}/visits} (with an {@code Idempotency-Key}) books a visit,
 * or answers 422 {@code no_licensed_provider} when the patient's state is not among the network's licensed
 * states ({@code therapy_not_offered} for a therapy outside the formulary). After
 * {@code visit-completion-delay} the visit completes, usually with a prescription, and a {@code visit.completed}
 * webhook goes to {@code /webhooks/telehealth/{network}}; the order's sandbox scenario, if any, decides how it
 * ends instead ({@link SandboxScenario#visitOutcome()}: prescribed, not prescribed, or never completed).
 * {@code GET .../visits/{visitId}/prescription} returns the prescription (404 while there is none);
 * {@code GET /telehealth/ledger} lists the visits.
 */
@RestController
@RequestMapping("/telehealth")
class TelehealthSimulator {


    private final TelehealthSimulatorProperties properties;
    private final VisitLedger ledger;
    private final DelayedTasks tasks;
    private final WebhookSender webhooks;
    private final SandboxScenarios scenarios;
    private final IdempotentReplies replies = new IdempotentReplies();

    TelehealthSimulator(TelehealthSimulatorProperties properties, VisitLedger ledger, DelayedTasks tasks,
                        WebhookSender webhooks, SandboxScenarios scenarios) {
        this.properties = properties;
        this.ledger = ledger;
        this.tasks = tasks;
        this.webhooks = webhooks;
        this.scenarios = scenarios;
    }

    @PostMapping("/{network}/visits")
    ResponseEntity<Object> scheduleVisit(@PathVariable String network,
                                         @RequestHeader(name = IdempotentReplies.KEY_HEADER, required = false) String idempotencyKey,
                                         @RequestBody VisitBody body) {
        if (!properties.networks().containsKey(network)) {
            return Reply.error(HttpStatus.NOT_FOUND, "unknown_network").toResponse();
        }
        if (idempotencyKey == null || idempotencyKey.isBlank()) {
            return Reply.error(HttpStatus.BAD_REQUEST, "missing_idempotency_key").toResponse();
        }
        if (!body.isComplete()) {
            return Reply.error(HttpStatus.BAD_REQUEST, "invalid_request").toResponse();
        }
        return replies.once(network + ":" + idempotencyKey, body, () -> book(network, idempotencyKey, body))
                .toResponse();
    }

    /**
     * A follow-up visit: answered at once. The dose is tolerated unless the configured share of follow-ups
     * finds it is not (decided per order reference, so a repeated follow-up finds the same).
     */
    @PostMapping("/{network}/follow-ups")
    ResponseEntity<Object> followUp(@PathVariable String network,
                                    @RequestHeader(name = IdempotentReplies.KEY_HEADER, required = false) String idempotencyKey,
                                    @RequestBody FollowUpBody body) {
        if (!properties.networks().containsKey(network)) {
            return Reply.error(HttpStatus.NOT_FOUND, "unknown_network").toResponse();
        }
        if (idempotencyKey == null || idempotencyKey.isBlank() || body.clientReference() == null) {
            return Reply.error(HttpStatus.BAD_REQUEST, "invalid_request").toResponse();
        }
        return replies.once(network + ":" + idempotencyKey, body, () -> {
            boolean tolerated = Math.floorMod((body.clientReference() + ":" + body.doseStep()).hashCode(), 100)
                    >= Math.round(properties.notToleratedProbability() * 100);
            return Reply.of(HttpStatus.CREATED, new FollowUpResponse("fu_" + shortId(), tolerated));
        }).toResponse();
    }

    @GetMapping("/{network}/visits/{visitId}/prescription")
    ResponseEntity<Object> prescription(@PathVariable String network, @PathVariable String visitId) {
        return ledger.prescription(network, visitId)
                .map(prescription -> Reply.of(HttpStatus.OK, prescription))
                .orElseGet(() -> Reply.error(HttpStatus.NOT_FOUND, "prescription_not_found"))
                .toResponse();
    }

    @GetMapping("/ledger")
    List<VisitLedger.Visit> ledger() {
        return ledger.visits();
    }

    private Reply book(String network, String idempotencyKey, VisitBody body) {
        String stateCode = body.stateCode().toUpperCase(Locale.ROOT);
        if (!properties.networks().get(network).licensedStates().contains(stateCode)) {
            return Reply.error(HttpStatus.UNPROCESSABLE_ENTITY, "no_licensed_provider");
        }
        Formulary regimen = Formulary.forTherapy(body.therapy()).orElse(null);
        if (regimen == null) {
            return Reply.error(HttpStatus.UNPROCESSABLE_ENTITY, "therapy_not_offered");
        }
        Instant now = Instant.now();
        VisitLedger.Visit visit = new VisitLedger.Visit(network, "vis_" + shortId(), idempotencyKey,
                body.clientReference(), stateCode, body.therapy(), now, now.plus(properties.visitCompletionDelay()),
                null, null);
        ledger.booked(visit);
        tasks.after(properties.visitCompletionDelay(), "complete visit " + visit.visitId(),
                () -> complete(visit, regimen));
        return Reply.of(HttpStatus.CREATED, new VisitResponse(visit.visitId(), visit.scheduledFor()));
    }

    private void complete(VisitLedger.Visit visit, Formulary regimen) {
        String scripted = scenarios.of(visit.clientReference()).map(SandboxScenario::visitOutcome).orElse(null);
        if (SandboxScenario.NO_SHOW.equals(scripted)) {
            return; // the patient never showed up: the visit stays booked, and nobody is told
        }
        boolean prescribed = scripted != null
                ? SandboxScenario.PRESCRIBED.equals(scripted)
                : ThreadLocalRandom.current().nextDouble() >= properties.notPrescribedProbability();
        VisitLedger.Prescription prescription = prescribed
                ? new VisitLedger.Prescription(visit.visitId(), regimen.medication(), regimen.starterDoseMg(),
                        Formulary.WEEKLY_PENS, regimen.directions(), Npi.random())
                : null;
        String outcome = prescribed ? VisitCompleted.PRESCRIBED : VisitCompleted.NOT_PRESCRIBED;
        ledger.completed(visit, outcome, prescription);
        VisitCompleted event = new VisitCompleted("evt_" + shortId(), VisitCompleted.TYPE, visit.visitId(),
                visit.clientReference(), outcome, Instant.now());
        String path = "/webhooks/telehealth/" + visit.network();
        webhooks.send(PartnerKind.TELEHEALTH, path, event);
    }

    private static String shortId() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    }

    record FollowUpBody(String clientReference, String therapy, int doseStep) {
    }

    record FollowUpResponse(String followUpId, boolean tolerated) {
    }

    record VisitBody(String clientReference, String stateCode, String therapy) {

        boolean isComplete() {
            return clientReference != null && !clientReference.isBlank()
                    && stateCode != null && stateCode.matches("[A-Za-z]{2}")
                    && therapy != null && !therapy.isBlank();
        }
    }

    record VisitResponse(String visitId, Instant scheduledFor) {
    }
}
