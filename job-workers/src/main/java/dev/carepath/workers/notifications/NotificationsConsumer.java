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
 *
 * <p>The {@code notificationTenants} function: binding {@code notificationTenants-in-0}, routing key {@code tenant.provisioned},
 * consumer group {@value #TENANTS}: each tenant's brand, sender, support contact, quiet hours and templates
 * ({@link TenantMessaging}), claimed in the same transaction.
 */
@Configuration(proxyBeanMethods = false)
class NotificationsConsumer {

    static final String SCHEMA = Notifications.SCHEMA;
    static final String CONSUMER = "job-workers-notifications";
    static final String TENANTS = "job-workers-notifications-tenants";

    @Bean
    Consumer<Message<byte[]>> milestoneNotifications(EventInbox inbox, MilestoneNotifier notifier) {
        return message -> inbox.consume(SCHEMA, CONSUMER, message, notifier::notify);
    }

    @Bean
    Consumer<Message<byte[]>> notificationTenants(EventInbox inbox, TenantMessaging tenants) {
        return message -> inbox.consume(SCHEMA, TENANTS, message, tenants::apply);
    }
}
