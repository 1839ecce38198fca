package dev.carepath.portal.audit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/** Anchors the audit chains every {@code carepath.audit.anchor.interval}, unless this process is a staff command. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "carepath.audit.anchor.scheduled", matchIfMissing = true)
class AuditAnchorSchedule {

    private static final Logger log = LoggerFactory.getLogger(AuditAnchorSchedule.class);

    private final AuditAnchors anchors;

    AuditAnchorSchedule(AuditAnchors anchors) {
        this.anchors = anchors;
    }

    @Scheduled(fixedDelayString = "${carepath.audit.anchor.interval:60s}",
            initialDelayString = "${carepath.audit.anchor.interval:60s}")
    void anchor() {
        try {
            anchors.anchorAll();
        } catch (RuntimeException e) {
            // The next round tries again; until then verification compares against the last anchor written.
            log.warn("audit anchoring failed: {}", e.toString());
        }
    }
}
