package dev.carepath.portal.admin;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code carepath.admin.*}.
 *
 * @param deadLetterGroups the backbone's consumer groups whose dead-letter queues staff can see
 */
@ConfigurationProperties("carepath.admin")
public record AdminProperties(
        @DefaultValue({"engine-orchestrator", "portal-read-model", "portal-audit", "portal-callbacks",
                "job-workers-notifications"})
        List<String> deadLetterGroups) {
}
