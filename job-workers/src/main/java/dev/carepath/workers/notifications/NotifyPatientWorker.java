package dev.carepath.workers.notifications;

import dev.carepath.connectors.messaging.MessageChannel;
import dev.carepath.connectors.messaging.MessagingGateway;
import dev.carepath.connectors.messaging.OutboundMessage;
import dev.carepath.workers.clinical.Intake;
import dev.carepath.workers.clinical.Intakes;
import dev.carepath.workers.tasks.JourneyTask;
import dev.carepath.workers.tasks.RetryPolicy;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.client.spring.annotation.ExternalTaskSubscription;
import org.camunda.bpm.client.task.ExternalTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code notify-patient}: tells the patient what happened to the cycle and what comes next, by email. The
 * model names the notification (a template id such as {@code payment-declined}); the address comes from
 * the clinical store and goes only to the messaging provider. Key {@code tenant:order:cycle:notification}:
 * each notification is sent once. An order without an intake or an address on file (cancelled before the intake
 * arrived) cannot be told: that is recorded ({@code notification.failed}, variable {@code notificationFailed} = the
 * reason code) and the task completes, so the journey ends instead of retrying into an incident.
 */
@Component
@ExternalTaskSubscription(topicName = NotifyPatientWorker.TOPIC, variableNames = {"cycle", "notification", JourneyTask.TRACEPARENT})
public class NotifyPatientWorker extends JourneyTask {

    static final String TOPIC = "notify-patient";
    private static final Logger log = LoggerFactory.getLogger(NotifyPatientWorker.class);

    private final MessagingGateway messaging;
    private final Intakes intakes;
    private final Notifications notifications;

    NotifyPatientWorker(MessagingGateway messaging, Intakes intakes, Notifications notifications, RetryPolicy retries) {
        super(TOPIC, Set.of(), retries);
        this.messaging = messaging;
        this.intakes = intakes;
        this.notifications = notifications;
    }

    @Override
    protected Map<String, Object> perform(ExternalTask task) {
        String tenantId = task.getTenantId();
        String orderId = task.getBusinessKey();
        int cycle = task.<Integer>getVariable("cycle");
        String template = task.getVariable("notification");
        String key = tenantId + ":" + orderId + ":" + cycle + ":" + template;
        if (notifications.sent(tenantId, key)) {
            return Map.of();
        }
        // Contact data is read just in time, here, and never carried in events or variables.
        var intake = intakes.of(tenantId, orderId, "job-workers/" + TOPIC, "patient-notification", List.of("email"));
        String email = intake.map(Intake::email).orElse(null);
        if (email == null || email.isBlank()) {
            // No retry finds an address that was never given (a journey cancelled before its intake arrived):
            // record that the patient could not be told, and let the journey end.
            String reason = intake.isEmpty() ? MilestoneNotifier.NO_INTAKE : MilestoneNotifier.NO_EMAIL;
            notifications.recordTaskFailure(tenantId, orderId, TOPIC, template, MessageChannel.EMAIL, key, reason);
            log.info("{} {} not sent: {}", TOPIC, template, reason);
            return Map.of("notificationFailed", reason);
        }
        var receipt = messaging.send(new OutboundMessage(MessageChannel.EMAIL, template, email,
                Map.of("orderId", orderId), key));
        notifications.record(tenantId, orderId, cycle, template, key, receipt);
        return Map.of();
    }
}
