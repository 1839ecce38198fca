package dev.carepath.simulator.faults;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import org.springframework.boot.convert.DurationStyle;

/**
 * A change to one kind's {@link FaultSettings}, as posted to {@code /admin/faults/{kind}}; what is absent stays as
 * it is. {@code lateWebhookDelay} is written like the configuration: {@code "5s"}, {@code "750ms"} or
 * {@code "PT5S"}.
 */
record FaultChange(FaultSettings.LatencyRange latencyMs, Double errorRate, Double timeoutRate, Long timeoutMs,
                   Double declineRate, Double duplicateWebhookRate, Double outOfOrderWebhookRate,
                   Double lateWebhookRate, Duration lateWebhookDelay) {

    @JsonCreator
    static FaultChange fromJson(@JsonProperty("latencyMs") FaultSettings.LatencyRange latencyMs,
                                @JsonProperty("errorRate") Double errorRate,
                                @JsonProperty("timeoutRate") Double timeoutRate,
                                @JsonProperty("timeoutMs") Long timeoutMs,
                                @JsonProperty("declineRate") Double declineRate,
                                @JsonProperty("duplicateWebhookRate") Double duplicateWebhookRate,
                                @JsonProperty("outOfOrderWebhookRate") Double outOfOrderWebhookRate,
                                @JsonProperty("lateWebhookRate") Double lateWebhookRate,
                                @JsonProperty("lateWebhookDelay") String lateWebhookDelay) {
        return new FaultChange(latencyMs, errorRate, timeoutRate, timeoutMs, declineRate, duplicateWebhookRate,
                outOfOrderWebhookRate, lateWebhookRate,
                lateWebhookDelay == null ? null : DurationStyle.detectAndParse(lateWebhookDelay));
    }
}
