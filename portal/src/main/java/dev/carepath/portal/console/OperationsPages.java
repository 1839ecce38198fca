package dev.carepath.portal.console;

import dev.carepath.portal.admin.AdminProperties;
import dev.carepath.portal.admin.DeadLetter;
import dev.carepath.portal.admin.DeadLetterQueues;
import dev.carepath.portal.audit.AuditReport;
import dev.carepath.portal.audit.AuditTrail;
import dev.carepath.portal.callbacks.Deliveries;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Operations, through the services behind {@code /v1/admin/**}: the backbone's dead letters per consumer group
 * (inspect, replay one, replay all), failed tenant webhook deliveries (replay), audit chain verification per tenant
 * ({@code platform-admin}); the partners' circuit breakers and the human-task queues (any staff role).
 */
@Controller
class OperationsPages {

    private static final Logger log = LoggerFactory.getLogger(OperationsPages.class);
    private static final int FAILED_DELIVERIES = 200;

    /** The engine's candidate groups of the journey's user tasks, and what each works on. */
    static final Map<String, String> TASK_GROUPS = Map.of(
            StaffRole.CARE_OPS.id(), "Assign provider, Resolve delivery",
            StaffRole.CLINICIANS.id(), "Review eligibility",
            StaffRole.PHARMACISTS.id(), "Resolve eRx rejection");

    private final DeadLetterQueues deadLetters;
    private final AdminProperties admin;
    private final Deliveries deliveries;
    private final AuditTrail audit;
    private final WorkerPartners partners;
    private final EngineJourneys engine;
    private final ConsoleProperties properties;

    OperationsPages(DeadLetterQueues deadLetters, AdminProperties admin, Deliveries deliveries, AuditTrail audit,
            WorkerPartners partners, EngineJourneys engine, ConsoleProperties properties) {
        this.deadLetters = deadLetters;
        this.admin = admin;
        this.deliveries = deliveries;
        this.audit = audit;
        this.partners = partners;
        this.engine = engine;
        this.properties = properties;
    }

    @GetMapping({"/console/operations", "/console/operations/dead-letters"})
    String deadLetterGroups(Model model) {
        Map<String, Long> depths = new LinkedHashMap<>();
        for (String group : admin.deadLetterGroups()) {
            depths.put(group, deadLetters.depth(group).orElse(null));
        }
        model.addAttribute("groups", depths);
        return "console/dead-letters";
    }

    @GetMapping("/console/operations/dead-letters/{group}")
    String deadLettersOf(@PathVariable String group, @RequestParam(required = false) String message, Model model) {
        requireGroup(group);
        model.addAttribute("group", group);
        model.addAttribute("letters", deadLetters.list(group));
        if (message != null) {
            DeadLetter letter = deadLetters.find(group, message).orElseThrow(ConsoleErrors::notFound);
            model.addAttribute("letter", letter);
        }
        return "console/dead-letter-group";
    }

    @PostMapping("/console/operations/dead-letters/{group}/replay")
    String replayOne(@PathVariable String group, @RequestParam String message, Principal who,
            RedirectAttributes flash) {
        requireGroup(group);
        boolean replayed = deadLetters.replay(group, message);
        log.info("dead letter {} of {} replayed at the console by {}: {}", message, group, who.getName(), replayed);
        flash.addFlashAttribute("flash", replayed ? "Replayed the message to " + group + "."
                : "That dead letter is gone already; nothing was replayed.");
        return "redirect:/console/operations/dead-letters/" + group;
    }

    @PostMapping("/console/operations/dead-letters/{group}/replay-all")
    String replayAll(@PathVariable String group, Principal who, RedirectAttributes flash) {
        requireGroup(group);
        int replayed = deadLetters.replayAll(group);
        log.info("{} dead letters of {} replayed at the console by {}", replayed, group, who.getName());
        flash.addFlashAttribute("flash", "Replayed " + replayed + " dead letters to " + group + ".");
        return "redirect:/console/operations/dead-letters/" + group;
    }

    private void requireGroup(String group) {
        if (!admin.deadLetterGroups().contains(group)) {
            throw ConsoleErrors.notFound();
        }
    }

    @GetMapping("/console/operations/deliveries")
    String failedDeliveries(Model model) {
        model.addAttribute("deliveries", deliveries.listAcrossTenants("FAILED", FAILED_DELIVERIES));
        return "console/deliveries";
    }

    @PostMapping("/console/operations/deliveries/{tenantId}/{deliveryId}/replay")
    String replayDelivery(@PathVariable String tenantId, @PathVariable String deliveryId, Principal who,
            RedirectAttributes flash) {
        UUID id;
        try {
            id = UUID.fromString(deliveryId);
        } catch (IllegalArgumentException e) {
            throw ConsoleErrors.notFound();
        }
        Deliveries.Delivery delivery = deliveries.replay(tenantId, id).orElseThrow(ConsoleErrors::notFound);
        log.info("delivery {} of tenant {} replayed at the console by {}", id, tenantId, who.getName());
        flash.addFlashAttribute("flash", "Delivery " + id + " is " + delivery.status() + " again.");
        return "redirect:/console/operations/deliveries";
    }

    @GetMapping("/console/operations/audit")
    String auditChains(Model model) {
        model.addAttribute("tenants", audit.tenants());
        return "console/audit";
    }

    /** Verifies one tenant's chain (or every chain) against its anchors, and shows the result per tenant. */
    @PostMapping("/console/operations/audit/verification")
    String verify(@RequestParam(required = false) String tenant, Model model) {
        AuditReport report = audit.report(tenant == null || tenant.isBlank() ? null : tenant);
        model.addAttribute("report", report);
        return auditChains(model);
    }

    @GetMapping("/console/operations/partners")
    String partnerHealth(Model model) {
        partners.partners().ifPresentOrElse(list -> model.addAttribute("partners", list),
                () -> model.addAttribute("workersUnavailable", true));
        return "console/partners";
    }

    @GetMapping("/console/operations/tasks")
    String taskQueues(Model model) {
        Map<String, Long> counts = new LinkedHashMap<>();
        try {
            for (String group : List.of(StaffRole.CARE_OPS.id(), StaffRole.CLINICIANS.id(), StaffRole.PHARMACISTS.id())) {
                counts.put(group, engine.openTasks(group));
            }
            model.addAttribute("counts", counts);
        } catch (EngineJourneys.Unavailable e) {
            model.addAttribute("engineUnavailable", true);
        }
        model.addAttribute("taskGroups", TASK_GROUPS);
        model.addAttribute("tasklistUrl", properties.engineWebUrl() + "/operaton/app/tasklist/default/");
        return "console/tasks";
    }
}
