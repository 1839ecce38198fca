package dev.carepath.workers.notifications;

import dev.carepath.eventing.EventInbox;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * The {@code milestoneNotifications} function: binding {@code milestoneNotifications-in-0}, the routing keys of the milestones in
 * {@link MilestoneNotifier#TEMPLATES} on {@code carepath.events}, consumer group {@code job-workers-notifications}.
 * Each event is claimed in the {@code notifications} schema in the same transaction as its notification.
 */
@Configuration(proxyBeanMethods = false)
class NotificationsConsumer {

    static final String SCHEMA = Notifications.SCHEMA;
    static final String CONSUMER = "job-workers-notifications";

    @Bean
    Consumer<Message<byte[]>> milestoneNotifications(EventInbox inbox, MilestoneNotifier notifier) {
        return message -> inbox.consume(SCHEMA, CONSUMER, message, notifier::notify);
    }
}
