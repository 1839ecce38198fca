package dev.carepath.workers.notifications;

import dev.carepath.tenancy.TenantTransactions;
import dev.carepath.workers.clinical.api.Intake;
import dev.carepath.workers.clinical.api.Intakes;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Sends the SMS and push messages held by quiet hours once they are due ({@code carepath.notifications.deferred-poll},
 * 5 s): each in its tenant's transaction, the row locked ({@code SKIP LOCKED}) so that of several workers one sends
 * it, under the key it was held with, so a send repeated after a crash is the same message at the provider. The
 * address is read from the clinical store at send time (an audited read); an opt-out recorded while the message
 * waited is honoured. A provider that cannot answer is tried again later, {@value #MAX_TRIES} times at most, then
 * the message is recorded as not sent ({@code notification.failed}, reason {@value #UNAVAILABLE}).
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class DeferredMessageSender {

    static final int MAX_TRIES = 10;
    static final String UNAVAILABLE = "provider_unavailable";
    private static final int BATCH = 50;
    private static final String ACCESSOR = "job-workers/deferred-notifications";
    private static final Logger log = LoggerFactory.getLogger(DeferredMessageSender.class);

    private final DeferredMessages deferred;
    private final PatientMessenger messenger;
    private final Intakes intakes;
    private final OptOuts optOuts;
    private final Notifications notifications;
    private final TenantTransactions tenants;
    private final NotificationsProperties properties;
    private final Clock clock = Clock.systemUTC();

    DeferredMessageSender(DeferredMessages deferred, PatientMessenger messenger, Intakes intakes, OptOuts optOuts,
            Notifications notifications, TenantTransactions tenants, NotificationsProperties properties) {
        this.deferred = deferred;
        this.messenger = messenger;
        this.intakes = intakes;
        this.optOuts = optOuts;
        this.notifications = notifications;
        this.tenants = tenants;
        this.properties = properties;
    }

    @Scheduled(fixedDelayString = "${carepath.notifications.deferred-poll:5s}",
            initialDelayString = "${carepath.notifications.deferred-poll:5s}")
    void sendDue() {
        for (Map.Entry<String, String> due : deferred.due(clock.instant(), BATCH)) {
            String tenantId = due.getKey();
            String key = due.getValue();
            try {
                tenants.run(tenantId, () -> deferred.claim(key).ifPresent(this::sendHeld));
            } catch (RuntimeException e) {
                int tries = deferred.failedTry(tenantId, key, properties.deferredPoll().multipliedBy(2));
                log.warn("held message {} not sent ({}), try {} of {}", key, e.getClass().getSimpleName(), tries,
                        MAX_TRIES);
                if (tries >= MAX_TRIES) {
                    tenants.run(tenantId, () -> deferred.claim(key).ifPresent(held -> {
                        record(held, UNAVAILABLE);
                        deferred.done(key);
                    }));
                }
            }
        }
    }

    private void sendHeld(DeferredMessages.Held held) {
        PatientMessenger.Notice notice = held.notice();
        String channel = held.channel().name().toLowerCase(Locale.ROOT);
        MDC.put("journeyId", notice.orderId());
        try {
            String outcome;
            if (optOuts.of(notice.tenantId(), notice.orderId()).contains(channel)) {
                outcome = record(held, PatientMessenger.OPTED_OUT);
            } else {
                Optional<Intake> intake = intakes.of(notice.tenantId(), notice.orderId(), ACCESSOR,
                        "patient-notification", List.of(channel.equals("sms") ? "phone" : "pushToken"));
                String address = intake.map(i -> i.addressFor(channel)).orElse(null);
                outcome = address == null ? record(held, MilestoneNotifier.NO_INTAKE)
                        : messenger.send(notice, held.channel(), held.key(), address, true);
            }
            deferred.done(held.key());
            log.info("held {} {} after quiet hours: {}", channel, notice.templateId(), outcome);
        } finally {
            MDC.remove("journeyId");
        }
    }

    private String record(DeferredMessages.Held held, String reason) {
        PatientMessenger.Notice notice = held.notice();
        notifications.recordFailure(notice.tenantId(), notice.orderId(), notice.trigger(), notice.triggerId(),
                notice.templateId(), held.channel(), held.key(), reason);
        return reason;
    }
}
