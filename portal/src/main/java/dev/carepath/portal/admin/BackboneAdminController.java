package dev.carepath.portal.admin;

import dev.carepath.portal.api.BackboneApi;
import dev.carepath.portal.api.model.AnchorDto;
import dev.carepath.portal.api.model.AnchorLogDto;
import dev.carepath.portal.api.model.AnchoredDto;
import dev.carepath.portal.api.model.AuditVerificationDto;
import dev.carepath.portal.api.model.BrokenLinkDto;
import dev.carepath.portal.api.model.ChainVerificationDto;
import dev.carepath.portal.api.model.DeadLetterDto;
import dev.carepath.portal.api.model.DeadLetterGroupDto;
import dev.carepath.portal.api.model.DeadLetterGroupsDto;
import dev.carepath.portal.api.model.DeadLetterListDto;
import dev.carepath.portal.api.model.RebuiltDto;
import dev.carepath.portal.api.model.ReplayedDto;
import dev.carepath.portal.audit.Anchor;
import dev.carepath.portal.audit.AuditAnchors;
import dev.carepath.portal.audit.AuditReport;
import dev.carepath.portal.audit.ChainVerification;
import dev.carepath.portal.audit.AuditTrail;
import dev.carepath.portal.readmodel.ReadModelRebuild;
import dev.carepath.portal.web.Problems;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
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
class BackboneAdminController implements BackboneApi {

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

    @Override
    public ResponseEntity<AuditVerificationDto> verifyAudit(String tenantId) {
        AuditReport report = audit.report(tenantId);
        return ResponseEntity.ok(new AuditVerificationDto()
                .intact(report.intact())
                .chains(report.chains().stream().map(BackboneAdminController::dtoOf).toList())
                .anchors(new AnchorLogDto().location(report.anchors().location())
                        .valid(report.anchors().valid()).refused(report.anchors().refused())));
    }

    @Override
    public ResponseEntity<AnchoredDto> anchorAudit() {
        List<Anchor> written = anchors.anchorAll();
        return ResponseEntity.ok(new AnchoredDto().location(anchors.location())
                .anchored(written.stream().map(anchor -> new AnchorDto().tenantId(anchor.tenantId())
                        .chainSeq(anchor.chainSeq()).headHash(anchor.headHash())
                        .anchoredAt(anchor.anchoredAt().atOffset(ZoneOffset.UTC))).toList()));
    }

    private static ChainVerificationDto dtoOf(ChainVerification chain) {
        ChainVerification.BrokenLink link = chain.brokenLink();
        return new ChainVerificationDto().tenantId(chain.tenantId()).rowsChecked(chain.rowsChecked())
                .intact(chain.intact()).anchoredRows(chain.anchoredRows())
                .brokenLink(link == null ? null : new BrokenLinkDto().chainSeq(link.chainSeq())
                        .eventId(link.eventId()).reason(link.reason()));
    }

    @Override
    public ResponseEntity<RebuiltDto> rebuildReadModels() {
        return ResponseEntity.ok(new RebuiltDto(rebuild.rebuild()));
    }

    @Override
    public ResponseEntity<DeadLetterGroupsDto> listDeadLetterGroups() {
        return ResponseEntity.ok(new DeadLetterGroupsDto(properties.deadLetterGroups().stream()
                .map(group -> new DeadLetterGroupDto(group, DeadLetterQueues.dlqOf(group))
                        .depth(deadLetters.depth(group).orElse(null)))
                .toList()));
    }

    @Override
    public ResponseEntity<DeadLetterListDto> listDeadLetters(String group) {
        requireKnown(group);
        return ResponseEntity.ok(new DeadLetterListDto(group, DeadLetterQueues.dlqOf(group),
                deadLetters.list(group).stream().map(BackboneAdminController::dtoOf).toList()));
    }

    @Override
    public ResponseEntity<DeadLetterDto> getDeadLetter(String group, String messageId) {
        requireKnown(group);
        return ResponseEntity.ok(dtoOf(deadLetters.find(group, messageId)
                .orElseThrow(() -> Problems.notFound("The dead-letter queue holds no such message."))));
    }

    @Override
    public ResponseEntity<ReplayedDto> replayDeadLetter(String group, String messageId) {
        requireKnown(group);
        if (!deadLetters.replay(group, messageId)) {
            throw Problems.notFound("The dead-letter queue holds no such message.");
        }
        return ResponseEntity.ok(new ReplayedDto(group, 1));
    }

    @Override
    public ResponseEntity<ReplayedDto> replayDeadLetters(String group) {
        requireKnown(group);
        return ResponseEntity.ok(new ReplayedDto(group, deadLetters.replayAll(group)));
    }

    private static DeadLetterDto dtoOf(DeadLetter letter) {
        return new DeadLetterDto(letter.messageId()).eventType(letter.eventType()).routingKey(letter.routingKey())
                .reason(letter.reason())
                .deadLetteredAt(letter.deadLetteredAt() == null ? null : letter.deadLetteredAt().atOffset(ZoneOffset.UTC))
                .envelope(letter.envelope());
    }

    private void requireKnown(String group) {
        if (!properties.deadLetterGroups().contains(group) || deadLetters.depth(group).isEmpty()) {
            throw Problems.exception(HttpStatus.NOT_FOUND, Problems.NOT_FOUND, "Not found",
                    "No consumer group of that name has a dead-letter queue.");
        }
    }
}
