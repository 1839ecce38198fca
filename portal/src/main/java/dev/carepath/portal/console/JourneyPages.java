package dev.carepath.portal.console;

import dev.carepath.contracts.events.DomainEvent;
import dev.carepath.contracts.events.EventTypes;
import dev.carepath.contracts.events.data.EventCatalog;
import dev.carepath.contracts.events.data.EventData;
import dev.carepath.contracts.events.data.PaymentCaptured;
import dev.carepath.contracts.events.data.PaymentDeclined;
import dev.carepath.contracts.events.data.PaymentRefunded;
import dev.carepath.portal.audit.AuditTrail;
import dev.carepath.portal.callbacks.Deliveries;
import dev.carepath.portal.clinical.Prescriptions;
import dev.carepath.portal.readmodel.JourneyProgress;
import dev.carepath.portal.readmodel.JourneyReadModel;
import dev.carepath.portal.readmodel.JourneySearch;
import dev.carepath.tenancy.TenantTransactions;
import java.security.Principal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The journeys pages: staff search across tenants (the read model, declared purpose {@code staff-console}), and one
 * journey: its timeline and partner ids (read model), where its running cycle stands and its open incidents (engine
 * REST) with a Retry (audited: {@code incident.retried}), its money lines and staff actions (audit store), and its
 * webhook deliveries to the tenant. PHI is never on the page unless a clinician reveals it with a purpose, through
 * the same audited clinical read the REST API uses ({@code clinical.phi-accessed}); the answer is the page itself,
 * never a redirect, so the PHI is neither in a URL nor kept in the session.
 */
@Controller
class JourneyPages {

    static final int PAGE_SIZE = 25;

    /** The audit store's events of a journey the page lists: money and staff actions, PHI reads. */
    private static final List<String> LEDGER_TYPES = List.of(EventTypes.PAYMENT_CAPTURED, EventTypes.PAYMENT_DECLINED,
            EventTypes.PAYMENT_REFUNDED);
    private static final List<String> ACCESS_TYPES = List.of(EventTypes.PHI_ACCESSED, EventTypes.INCIDENT_RETRIED);

    private final JourneySearch search;
    private final JourneyReadModel readModel;
    private final TenantTransactions transactions;
    private final EngineJourneys engine;
    private final AuditTrail audit;
    private final Deliveries deliveries;
    private final Prescriptions clinical;
    private final StaffActions actions;
    private final ConsoleProperties properties;

    JourneyPages(JourneySearch search, JourneyReadModel readModel, TenantTransactions transactions,
            EngineJourneys engine, AuditTrail audit, Deliveries deliveries, Prescriptions clinical,
            StaffActions actions, ConsoleProperties properties) {
        this.search = search;
        this.readModel = readModel;
        this.transactions = transactions;
        this.engine = engine;
        this.audit = audit;
        this.deliveries = deliveries;
        this.clinical = clinical;
        this.actions = actions;
        this.properties = properties;
    }

    /** The search form's fields as given (strings, so a bad one is shown back with its message). */
    record Filters(String tenant, String status, String therapy, String state, String from, String to, String orderId,
            String partnerId, String after) {

        Map<String, String> asQuery() {
            Map<String, String> query = new LinkedHashMap<>();
            put(query, "tenant", tenant);
            put(query, "status", status);
            put(query, "therapy", therapy);
            put(query, "state", state);
            put(query, "from", from);
            put(query, "to", to);
            put(query, "orderId", orderId);
            put(query, "partnerId", partnerId);
            return query;
        }

        private static void put(Map<String, String> query, String key, String value) {
            if (value != null && !value.isBlank()) {
                query.put(key, value.trim());
            }
        }
    }

    @GetMapping("/console/journeys")
    String search(@RequestParam(required = false) String tenant, @RequestParam(required = false) String status,
            @RequestParam(required = false) String therapy, @RequestParam(required = false) String state,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String orderId, @RequestParam(required = false) String partnerId,
            @RequestParam(required = false) String after, Model model) {
        Filters filters = new Filters(tenant, status, therapy, state, from, to, orderId, partnerId, after);
        model.addAttribute("filters", filters);
        model.addAttribute("statuses", JourneySearch.knownStatuses());
        List<String> errors = new ArrayList<>();
        JourneySearch.StaffCriteria criteria = criteria(filters, errors);
        model.addAttribute("errors", errors);
        if (errors.isEmpty()) {
            JourneySearch.Page page = search.searchAcrossTenants(criteria);
            model.addAttribute("journeys", page.items());
            page.next().ifPresent(next -> {
                Map<String, String> query = new LinkedHashMap<>(filters.asQuery());
                query.put("after", next.createdAt().toInstant() + "_" + next.journeyId());
                model.addAttribute("nextQuery", query);
            });
        } else {
            model.addAttribute("journeys", List.of());
        }
        return "console/journeys";
    }

    private static JourneySearch.StaffCriteria criteria(Filters f, List<String> errors) {
        String stateCode = blankToNull(f.state());
        if (stateCode != null) {
            stateCode = stateCode.toUpperCase(java.util.Locale.ROOT);
            if (!stateCode.matches("[A-Z]{2}")) {
                errors.add("State must be a two-letter code, e.g. TX.");
            }
        }
        UUID journeyId = null;
        if (blankToNull(f.orderId()) != null) {
            try {
                journeyId = UUID.fromString(f.orderId().trim());
            } catch (IllegalArgumentException e) {
                errors.add("Order id must be a journey id (a UUID).");
            }
        }
        OffsetDateTime createdAfter = date(f.from(), "Created from", errors, 0);
        OffsetDateTime createdBefore = date(f.to(), "Created to", errors, 1);
        JourneySearch.Position after = null;
        if (blankToNull(f.after()) != null) {
            String[] parts = f.after().split("_", 2);
            try {
                after = new JourneySearch.Position(OffsetDateTime.parse(parts[0]).withOffsetSameInstant(ZoneOffset.UTC),
                        UUID.fromString(parts[1]));
            } catch (RuntimeException e) {
                errors.add("The page position is not valid; start the search again.");
            }
        }
        return new JourneySearch.StaffCriteria(blankToNull(f.tenant()), blankToNull(f.status()),
                blankToNull(f.therapy()), stateCode, journeyId, blankToNull(f.partnerId()), createdAfter,
                createdBefore, PAGE_SIZE, after);
    }

    private static OffsetDateTime date(String value, String label, List<String> errors, int plusDays) {
        if (blankToNull(value) == null) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim()).plusDays(plusDays).atStartOfDay().atOffset(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            errors.add(label + " must be a date (YYYY-MM-DD).");
            return null;
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    @GetMapping("/console/journeys/{journeyId}")
    String journey(@PathVariable String journeyId, Model model) {
        return render(parse(journeyId), model);
    }

    /** Retries one open incident of the journey's running cycle (care-ops, platform-admin), audited. */
    @PostMapping("/console/journeys/{journeyId}/incidents/{incidentId}/retry")
    String retry(@PathVariable String journeyId, @PathVariable String incidentId, Principal who,
            RedirectAttributes flash) {
        UUID id = parse(journeyId);
        String tenantId = tenantOf(id);
        try {
            Optional<EngineJourneys.Instance> instance = engine.running(id);
            Optional<EngineJourneys.Incident> incident = instance.flatMap(i -> engine.incident(i.id(), incidentId));
            if (incident.isEmpty() || !incident.get().retriable()) {
                flash.addFlashAttribute("flash", "That incident is no longer open; nothing was retried.");
            } else {
                engine.retry(incident.get());
                actions.incidentRetried(tenantId, id, instance.get().id(), incident.get(), who.getName());
                flash.addFlashAttribute("flash", "Retried " + incident.get().activityId()
                        + ": the engine runs the step again.");
            }
        } catch (EngineJourneys.Unavailable e) {
            flash.addFlashAttribute("flash", "The engine cannot be reached; nothing was retried. Try again shortly.");
        }
        return "redirect:/console/journeys/" + id;
    }

    /**
     * Reveals the journey's intake and latest prescription to a clinician who states a purpose; each read is an
     * audited {@code clinical.phi-accessed} with the clinician as accessor. Answers with the journey page.
     */
    @PostMapping("/console/journeys/{journeyId}/phi")
    String reveal(@PathVariable String journeyId, @RequestParam(required = false) String purpose, Principal who,
            Model model) {
        UUID id = parse(journeyId);
        String tenantId = tenantOf(id);
        String accessor = "console:" + who.getName();
        if (purpose == null || !Prescriptions.purposes().contains(purpose)) {
            model.addAttribute("phiError", "State why you open this patient's record.");
        } else {
            model.addAttribute("phiPurpose", purpose);
            try {
                model.addAttribute("intake", clinical.intake(tenantId, id, accessor, purpose));
            } catch (ErrorResponseException e) {
                model.addAttribute("intakeMessage", e.getBody().getDetail());
            }
            try {
                model.addAttribute("prescription", clinical.latest(tenantId, id.toString(), accessor, purpose));
            } catch (ErrorResponseException e) {
                model.addAttribute("prescriptionMessage", e.getBody().getDetail());
            }
        }
        return render(id, model);
    }

    /** A money line of the journey, from its payment events. */
    record LedgerLine(OffsetDateTime at, String event, String cycle, String amount, String chargeId, String refundId,
            String processor) {

        static LedgerLine of(DomainEvent event) {
            EventData data = EventCatalog.find(event).orElse(null);
            if (data instanceof PaymentCaptured captured) {
                return of(event, captured.cycle(), captured.amountMinor(), captured.currency(), captured.chargeId(),
                        null, captured.processor());
            }
            if (data instanceof PaymentDeclined declined) {
                return of(event, declined.cycle(), declined.amountMinor(), declined.currency(), null, null,
                        declined.processor());
            }
            if (data instanceof PaymentRefunded refunded) {
                return of(event, refunded.cycle(), refunded.amountMinor(), null, refunded.chargeId(),
                        refunded.refundId(), refunded.processor());
            }
            return of(event, null, null, null, null, null, null);
        }

        private static LedgerLine of(DomainEvent event, Integer cycle, Long minor, String currency, String chargeId,
                String refundId, String processor) {
            String amount = minor == null ? "" : java.math.BigDecimal.valueOf(minor).movePointLeft(2).toPlainString()
                    + (currency == null ? "" : " " + currency);
            return new LedgerLine(event.time(), event.type(), cycle == null ? null : cycle.toString(), amount,
                    chargeId, refundId, processor);
        }
    }

    private String render(UUID journeyId, Model model) {
        String tenantId = tenantOf(journeyId);
        JourneyProgress progress = transactions.call(tenantId, () -> readModel.progressOf(journeyId))
                .orElseThrow(ConsoleErrors::notFound);
        model.addAttribute("journeyId", journeyId);
        model.addAttribute("tenantId", tenantId);
        model.addAttribute("progress", progress);
        model.addAttribute("purposes", Prescriptions.purposes());
        try {
            Optional<EngineJourneys.Instance> instance = engine.running(journeyId);
            model.addAttribute("instance", instance.orElse(null));
            if (instance.isPresent()) {
                model.addAttribute("activities", engine.currentActivities(instance.get().id()));
                model.addAttribute("incidents", engine.incidents(instance.get().id()));
                model.addAttribute("cockpitUrl", properties.engineWebUrl()
                        + "/operaton/app/cockpit/default/#/process-instance/" + instance.get().id() + "/runtime");
            }
        } catch (EngineJourneys.Unavailable e) {
            model.addAttribute("engineUnavailable", true);
        }
        model.addAttribute("ledger", audit.journeyEvents(tenantId, journeyId, LEDGER_TYPES).stream()
                .map(LedgerLine::of).toList());
        model.addAttribute("accesses", audit.journeyEvents(tenantId, journeyId, ACCESS_TYPES));
        model.addAttribute("deliveries", deliveries.ofJourney(tenantId, journeyId));
        return "console/journey";
    }

    private String tenantOf(UUID journeyId) {
        return search.tenantOf(journeyId).orElseThrow(ConsoleErrors::notFound);
    }

    private static UUID parse(String journeyId) {
        try {
            return UUID.fromString(journeyId);
        } catch (IllegalArgumentException e) {
            throw ConsoleErrors.notFound();
        }
    }
}
