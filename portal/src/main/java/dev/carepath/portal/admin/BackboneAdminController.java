package dev.carepath.portal.admin;

import dev.carepath.portal.audit.Anchor;
import dev.carepath.portal.audit.AuditAnchors;
import dev.carepath.portal.audit.AuditReport;
import dev.carepath.portal.audit.AuditTrail;
import dev.carepath.portal.readmodel.ReadModelRebuild;
import dev.carepath.portal.web.Problems;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Staff endpoints on the event backbone.
 * <ul>
 *   <li>{@code GET /v1/admin/audit/verify[?tenantId=]}: every (or one) tenant's audit chain checked
 *       against its latest anchor, with the first broken link of each; {@code intact} is false if any chain
 *       is broken or the anchor log holds a line whose signature does not verify.</li>
 *   <li>{@code POST /v1/admin/audit/anchor}: anchors every chain whose head moved, now.</li>
 *   <li>{@code POST /v1/admin/read-models/rebuild}: empties the read models and replays the audit store.</li>
 *   <li>{@code GET /v1/admin/dead-letters}: the consumer groups and how many dead letters each holds;
 *       {@code GET /v1/admin/dead-letters/{group}}: that group's dead letters;
 *       {@code GET /v1/admin/dead-letters/{group}/{messageId}}: one with its envelope;
 *       {@code POST /v1/admin/dead-letters/{group}/{messageId}/replay}: back to that group's queue;
 *       {@code POST /v1/admin/dead-letters/{group}/replay}: all of them. An unknown group or message:
 *       404 {@code not-found}.</li>
 * </ul>
 */
@RestController
@RequestMapping("/v1/admin")
class BackboneAdminController {

    private final AuditTrail audit;
    private final AuditAnchors anchors;
    private final ReadModelRebuild rebuild;
    private final DeadLetterQueues deadLetters;
    private final AdminProperties properties;

    BackboneAdminController(AuditTrail audit, AuditAnchors anchors, ReadModelRebuild rebuild,
            DeadLetterQueues deadLetters, AdminProperties properties) {
        this.audit = audit;
        this.anchors = anchors;
        this.rebuild = rebuild;
        this.deadLetters = deadLetters;
        this.properties = properties;
    }

    record Anchored(String location, List<Anchor> anchored) {
    }

    record Rebuilt(long replayedEvents) {
    }

    record Group(String group, String queue, Long depth) {
    }

    record Replayed(String group, int replayed) {
    }

    @GetMapping("/audit/verify")
    AuditReport verify(@RequestParam(required = false) String tenantId) {
        return audit.report(tenantId);
    }

    @PostMapping("/audit/anchor")
    Anchored anchor() {
        return new Anchored(anchors.location(), anchors.anchorAll());
    }

    @PostMapping("/read-models/rebuild")
    Rebuilt rebuild() {
        return new Rebuilt(rebuild.rebuild());
    }

    @GetMapping("/dead-letters")
    Map<String, List<Group>> groups() {
        Map<String, List<Group>> body = new LinkedHashMap<>();
        body.put("groups", properties.deadLetterGroups().stream()
                .map(group -> new Group(group, DeadLetterQueues.dlqOf(group), deadLetters.depth(group).orElse(null)))
                .toList());
        return body;
    }

    @GetMapping("/dead-letters/{group}")
    Map<String, Object> deadLetters(@PathVariable String group) {
        requireKnown(group);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("group", group);
        body.put("queue", DeadLetterQueues.dlqOf(group));
        body.put("messages", deadLetters.list(group));
        return body;
    }

    @GetMapping("/dead-letters/{group}/{messageId}")
    DeadLetter deadLetter(@PathVariable String group, @PathVariable String messageId) {
        requireKnown(group);
        return deadLetters.find(group, messageId)
                .orElseThrow(() -> Problems.notFound("The dead-letter queue holds no such message."));
    }

    @PostMapping("/dead-letters/{group}/{messageId}/replay")
    Replayed replay(@PathVariable String group, @PathVariable String messageId) {
        requireKnown(group);
        if (!deadLetters.replay(group, messageId)) {
            throw Problems.notFound("The dead-letter queue holds no such message.");
        }
        return new Replayed(group, 1);
    }

    @PostMapping("/dead-letters/{group}/replay")
    Replayed replayAll(@PathVariable String group) {
        requireKnown(group);
        return new Replayed(group, deadLetters.replayAll(group));
    }

    private void requireKnown(String group) {
        if (!properties.deadLetterGroups().contains(group) || deadLetters.depth(group).isEmpty()) {
            throw Problems.exception(HttpStatus.NOT_FOUND, Problems.NOT_FOUND, "Not found",
                    "No consumer group of that name has a dead-letter queue.");
        }
    }
}
