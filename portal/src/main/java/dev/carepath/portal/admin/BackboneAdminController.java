package dev.carepath.portal.admin;

import dev.carepath.portal.api.BackboneApi;
import dev.carepath.portal.api.model.AuditVerificationDto;
import dev.carepath.portal.api.model.BrokenLinkDto;
import dev.carepath.portal.api.model.ChainVerificationDto;
import dev.carepath.portal.api.model.DeadLetterDto;
import dev.carepath.portal.api.model.DeadLetterGroupDto;
import dev.carepath.portal.api.model.DeadLetterGroupsDto;
import dev.carepath.portal.api.model.DeadLetterListDto;
import dev.carepath.portal.api.model.RebuiltDto;
import dev.carepath.portal.api.model.ReplayedDto;
import dev.carepath.portal.audit.AuditTrail;
import dev.carepath.portal.audit.ChainVerification;
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
 *   <li>{@code GET /v1/admin/audit/verify[?tenantId=]}: every (or one) tenant's audit chain checked,
 *       with the first broken link of each; {@code intact} is false if any chain is broken.</li>
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
    private final ReadModelRebuild rebuild;
    private final DeadLetterQueues deadLetters;
    private final AdminProperties properties;

    BackboneAdminController(AuditTrail audit, ReadModelRebuild rebuild, DeadLetterQueues deadLetters,
            AdminProperties properties) {
        this.audit = audit;
        this.rebuild = rebuild;
        this.deadLetters = deadLetters;
        this.properties = properties;
    }

    @Override
    public ResponseEntity<AuditVerificationDto> verifyAudit(String tenantId) {
        List<ChainVerification> chains = tenantId == null ? audit.verifyAll() : List.of(audit.verify(tenantId));
        return ResponseEntity.ok(new AuditVerificationDto(chains.stream().allMatch(ChainVerification::intact),
                chains.stream().map(chain -> new ChainVerificationDto(chain.tenantId(), chain.rowsChecked(),
                        chain.intact()).brokenLink(chain.brokenLink() == null ? null : new BrokenLinkDto(
                                chain.brokenLink().chainSeq(), chain.brokenLink().eventId(),
                                chain.brokenLink().reason())))
                        .toList()));
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
