package dev.carepath.workers.notifications;

import dev.carepath.connectors.messaging.MessageChannel;
import dev.carepath.workers.clinical.api.Intake;
import dev.carepath.workers.clinical.api.Intakes;
import dev.carepath.workers.tasks.JourneyTask;
import dev.carepath.workers.tasks.RetryPolicy;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.client.spring.annotation.ExternalTaskSubscription;
import org.camunda.bpm.client.task.ExternalTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code notify-patient}: tells the patient what happened to the cycle and what comes next, on every channel the
 * patient chose with the intake ({@link PatientMessenger}: email, SMS, push; opt-outs skipped, SMS and push held by
 * quiet hours in the patient's state, {@code stateCode}). The model names the notification (a template id such as
 * {@code payment-declined}); the addresses come from the clinical store and go only to the messaging providers. Key
 * {@code tenant:order:cycle:notification} (SMS and push: {@code :sms}, {@code :push} appended): each message is sent
 * once. An order without an intake on file (cancelled before the intake arrived) cannot be told: that is recorded
 * ({@code notification.failed}, variable {@code notificationFailed} = the reason code) and the task completes, so
 * the journey ends instead of retrying into an incident.
 */
@Component
@ExternalTaskSubscription(topicName = NotifyPatientWorker.TOPIC,
        variableNames = {"cycle", "notification", "stateCode", JourneyTask.TRACEPARENT})
public class NotifyPatientWorker extends JourneyTask {

    static final String TOPIC = "notify-patient";
    private static final Logger log = LoggerFactory.getLogger(NotifyPatientWorker.class);

    private final Intakes intakes;
    private final Notifications notifications;
    private final PatientMessenger messenger;

    NotifyPatientWorker(Intakes intakes, Notifications notifications, PatientMessenger messenger, RetryPolicy retries) {
        super(TOPIC, Set.of(), retries);
        this.intakes = intakes;
        this.notifications = notifications;
        this.messenger = messenger;
    }

    @Override
    protected Map<String, Object> perform(ExternalTask task) {
        String tenantId = task.getTenantId();
        String orderId = task.getBusinessKey();
        int cycle = task.<Integer>getVariable("cycle");
        String template = task.getVariable("notification");
        String key = tenantId + ":" + orderId + ":" + cycle + ":" + template;
        // Contact data is read just in time, here, and never carried in events or variables.
        Optional<Intake> intake = intakes.of(tenantId, orderId, "job-workers/" + TOPIC, "patient-notification",
                PatientMessenger.CONTACT_FIELDS);
        if (intake.isEmpty()) {
            // No retry finds an address that was never given (a journey cancelled before its intake arrived):
            // record that the patient could not be told, and let the journey end.
            notifications.recordTaskFailure(tenantId, orderId, TOPIC, template, MessageChannel.EMAIL, key,
                    MilestoneNotifier.NO_INTAKE);
            log.info("{} {} not sent: {}", TOPIC, template, MilestoneNotifier.NO_INTAKE);
            return Map.of("notificationFailed", MilestoneNotifier.NO_INTAKE);
        }
        List<String> outcomes = messenger.tell(new PatientMessenger.Notice(tenantId, orderId, cycle, template, key,
                Map.of("orderId", orderId), task.getVariable("stateCode"), TOPIC, null), intake.get());
        log.info("{} {}: {}", TOPIC, template, outcomes);
        return Map.of();
    }
}
