package dev.carepath.workers.notifications;

import dev.carepath.connectors.messaging.MessageChannel;
import dev.carepath.connectors.messaging.MessagingGateway;
import dev.carepath.connectors.messaging.OutboundMessage;
import dev.carepath.workers.clinical.Intakes;
import dev.carepath.workers.tasks.JourneyTask;
import dev.carepath.workers.tasks.RetryPolicy;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.client.spring.annotation.ExternalTaskSubscription;
import org.camunda.bpm.client.task.ExternalTask;
import org.springframework.stereotype.Component;

/**
 * {@code notify-patient}: tells the patient what happened to the cycle and what comes next, by email. The
 * model names the notification (a template id such as {@code payment-declined}); the address comes from
 * the clinical store and goes only to the messaging provider. Key {@code tenant:order:cycle:notification}:
 * each notification is sent once.
 */
@Component
@ExternalTaskSubscription(topicName = NotifyPatientWorker.TOPIC, variableNames = {"cycle", "notification"})
public class NotifyPatientWorker extends JourneyTask {

    static final String TOPIC = "notify-patient";

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
        String email = intakes.of(tenantId, orderId, "job-workers/" + TOPIC, "patient-notification", List.of("email"))
                .map(intake -> intake.email())
                .orElseThrow(() -> new IllegalStateException("no contact on file"));
        var receipt = messaging.send(new OutboundMessage(MessageChannel.EMAIL, template, email,
                Map.of("orderId", orderId), key));
        notifications.record(tenantId, orderId, cycle, template, key, receipt);
        return Map.of();
    }
}
