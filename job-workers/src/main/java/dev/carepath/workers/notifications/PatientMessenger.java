package dev.carepath.workers.notifications;

import dev.carepath.connectors.messaging.MessageChannel;
import dev.carepath.connectors.messaging.MessageContent;
import dev.carepath.connectors.messaging.MessageReceipt;
import dev.carepath.connectors.messaging.MessagingGateway;
import dev.carepath.connectors.messaging.OutboundMessage;
import dev.carepath.connectors.partner.PartnerRejectedException;
import dev.carepath.workers.clinical.api.Intake;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Tells the patient one notification on every channel the patient chose with the intake, each channel its own
 * message under its own key ({@link #keyFor}), sent once: a channel the patient opted out of is skipped and the skip
 * recorded ({@code notification.failed}, reason {@value #OPTED_OUT}); an SMS or push message due in the patient's
 * quiet hours is held until they end ({@link DeferredMessages}); the rest go out now, in the tenant's words
 * ({@link MessageRenderer}). A provider that refuses a message on one channel (an address not one for it) is
 * recorded for that channel and does not stop the others; a provider that cannot answer throws, and the caller's
 * retry finds what was already sent, skipped or held, and does only the rest.
 *
 * <p>Counted in {@code carepath.notifications} (tags {@code channel}, {@code outcome}: sent, deferred, opted_out,
 * refused). Contact data lives in the {@link Intake} passed in and goes only to the provider.
 */
@Component
class PatientMessenger {

    static final String OPTED_OUT = "opted_out";
    /** The intake fields a notification reads: the addresses and the channels chosen. */
    static final List<String> CONTACT_FIELDS = List.of("email", "phone", "pushToken", "channels");
    static final String METRIC = "carepath.notifications";

    private final MessagingGateway messaging;
    private final MessageRenderer renderer;
    private final Notifications notifications;
    private final OptOuts optOuts;
    private final DeferredMessages deferred;
    private final TenantMessaging tenants;
    private final NotificationsProperties properties;
    private final MeterRegistry meters;
    private final Clock clock;

    PatientMessenger(MessagingGateway messaging, MessageRenderer renderer, Notifications notifications,
            OptOuts optOuts, DeferredMessages deferred, TenantMessaging tenants, NotificationsProperties properties,
            MeterRegistry meters) {
        this.messaging = messaging;
        this.renderer = renderer;
        this.notifications = notifications;
        this.optOuts = optOuts;
        this.deferred = deferred;
        this.tenants = tenants;
        this.properties = properties;
        this.meters = meters;
        this.clock = Clock.systemUTC();
    }

    /**
     * One notification to one patient.
     *
     * @param keyBase    the notification's idempotency key; the email goes under it as it always did, SMS and push
     *                   under {@code keyBase:sms} and {@code keyBase:push}
     * @param references what the template may quote: the order id, carrier and tracking number; never PHI
     * @param stateCode  the patient's state (USPS code) for the quiet hours, or null when not known
     * @param trigger    the event type or task topic that asked for it
     * @param triggerId  the triggering event's id, or null for a task
     */
    record Notice(String tenantId, String orderId, int cycle, String templateId, String keyBase,
                  Map<String, String> references, String stateCode, String trigger, String triggerId) {
    }

    /** What became of the notice on each channel the patient chose, e.g. {@code email=sent, sms=deferred}. */
    List<String> tell(Notice notice, Intake intake) {
        Set<String> optedOut = optOuts.of(notice.tenantId(), notice.orderId());
        List<String> outcomes = new ArrayList<>();
        for (String channelName : intake.channels()) {
            MessageChannel channel = MessageChannel.valueOf(channelName.toUpperCase(Locale.ROOT));
            String key = keyFor(notice.keyBase(), channel);
            String outcome;
            if (notifications.handled(notice.tenantId(), key)) {
                outcome = "done before";
            } else if (optedOut.contains(channelName)) {
                notifications.recordFailure(notice.tenantId(), notice.orderId(), notice.trigger(), notice.triggerId(),
                        notice.templateId(), channel, key, OPTED_OUT);
                outcome = OPTED_OUT;
            } else if (intake.addressFor(channelName) == null || intake.addressFor(channelName).isBlank()) {
                outcome = "no_" + channelName + "_on_file";
                notifications.recordFailure(notice.tenantId(), notice.orderId(), notice.trigger(), notice.triggerId(),
                        notice.templateId(), channel, key, outcome);
            } else {
                outcome = sendOrHold(notice, channel, key, intake.addressFor(channelName));
            }
            meters.counter(METRIC, "channel", channelName, "outcome", outcome.replace(' ', '_')).increment();
            outcomes.add(channelName + "=" + outcome);
        }
        return outcomes;
    }

    /** The idempotency key of the notice on {@code channel}: the email keeps the notice's key. */
    static String keyFor(String keyBase, MessageChannel channel) {
        return channel == MessageChannel.EMAIL ? keyBase : keyBase + ":" + channel.name().toLowerCase(Locale.ROOT);
    }

    private String sendOrHold(Notice notice, MessageChannel channel, String key, String address) {
        if (channel != MessageChannel.EMAIL) {
            TenantMessaging.Branding branding = tenants.of(notice.tenantId());
            Optional<Instant> until = QuietHours.deferredUntil(branding.quietHours(), notice.stateCode(),
                    properties.fallbackZone(), clock.instant());
            if (until.isPresent()) {
                deferred.hold(notice, channel, key, until.get());
                return "deferred";
            }
        }
        return send(notice, channel, key, address, false);
    }

    /**
     * Sends the notice on {@code channel} now and records it ({@code notification.sent}); also how a held message
     * goes out once its quiet hours ended ({@code deferred}).
     */
    String send(Notice notice, MessageChannel channel, String key, String address, boolean wasDeferred) {
        MessageContent content = renderer.render(notice.tenantId(), notice.templateId(), channel, notice.references());
        MessageReceipt receipt;
        try {
            receipt = messaging.send(new OutboundMessage(channel, notice.templateId(), address, notice.references(),
                    key, content));
        } catch (PartnerRejectedException e) {
            notifications.recordFailure(notice.tenantId(), notice.orderId(), notice.trigger(), notice.triggerId(),
                    notice.templateId(), channel, key, e.reason() == null ? e.code() : e.reason());
            return "refused";
        }
        notifications.record(notice.tenantId(), notice.orderId(), notice.cycle(), notice.templateId(), key, receipt,
                wasDeferred);
        return "sent";
    }
}
