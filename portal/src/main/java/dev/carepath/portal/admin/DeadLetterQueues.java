package dev.carepath.portal.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.GetResponse;
import dev.carepath.eventing.BrokerRetries;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.support.DefaultMessagePropertiesConverter;
import org.springframework.stereotype.Component;

/**
 * A consumer's dead-letter queue, read over AMQP (the management plugin need not be enabled).
 * Consumer group {@code g} on the backbone consumes queue {@code carepath.events.g}; its dead letters
 * are in {@code carepath.events.g.dlq}. Browsing takes up to {@value #MAX_BROWSE} messages without
 * acknowledging them and closes the channel, which puts them back. Replaying publishes the message,
 * as it was, to the consumer's own queue only (through the default exchange, with a publisher
 * confirm), then removes it from the dead-letter queue: other consumers do not see it again.
 */
@Component
public class DeadLetterQueues {

    static final String DESTINATION = "carepath.events";
    static final int MAX_BROWSE = 500;

    private static final Logger log = LoggerFactory.getLogger(DeadLetterQueues.class);
    private static final Pattern GROUP = Pattern.compile("[a-z][a-z0-9-]{0,62}");
    private static final long CONFIRM_TIMEOUT_SECONDS = 10;

    private final RabbitTemplate rabbit;
    private final ObjectMapper json;
    private final DefaultMessagePropertiesConverter properties = new DefaultMessagePropertiesConverter();

    DeadLetterQueues(RabbitTemplate rabbit, ObjectMapper json) {
        this.rabbit = rabbit;
        this.json = json;
    }

    public static boolean isGroupName(String group) {
        return group != null && GROUP.matcher(group).matches();
    }

    static String queueOf(String group) {
        return DESTINATION + "." + group;
    }

    static String dlqOf(String group) {
        return queueOf(group) + ".dlq";
    }

    /** How many messages the group's dead-letter queue holds, or empty when it has none. */
    public Optional<Long> depth(String group) {
        return rabbit.execute(channel -> {
            try {
                return Optional.of(channel.queueDeclarePassive(dlqOf(group)).getMessageCount() + 0L);
            } catch (IOException missing) {
                return Optional.empty();
            }
        });
    }

    /** The group's dead letters, oldest first, without their bodies. */
    public List<DeadLetter> list(String group) {
        return browse(group, (messages, removed) -> messages.stream().map(m -> summary(m, false)).toList());
    }

    /** One dead letter with its body, or empty. */
    public Optional<DeadLetter> find(String group, String messageId) {
        return browse(group, (messages, removed) -> messages.stream()
                .filter(m -> messageId.equals(m.getProps().getMessageId()))
                .findFirst()
                .map(m -> summary(m, true)));
    }

    /** Replays one dead letter to the group's queue; false when the dead-letter queue does not hold it. */
    public boolean replay(String group, String messageId) {
        return browse(group, (messages, removed) -> {
            for (GetResponse message : messages) {
                if (messageId.equals(message.getProps().getMessageId())) {
                    republish(group, message);
                    removed.add(message);
                    log.info("dead letter {} replayed to {}", messageId, queueOf(group));
                    return true;
                }
            }
            return false;
        });
    }

    /** Replays every dead letter of the group (up to {@value #MAX_BROWSE}); returns how many. */
    public int replayAll(String group) {
        return browse(group, (messages, removed) -> {
            for (GetResponse message : messages) {
                republish(group, message);
                removed.add(message);
            }
            log.info("{} dead letters replayed to {}", messages.size(), queueOf(group));
            return messages.size();
        });
    }

    private interface Browser<T> {
        /** Reads the browsed messages; acknowledges (removes) the ones it adds to {@code removed}. */
        T read(List<GetResponse> messages, List<GetResponse> removed) throws IOException;
    }

    private <T> T browse(String group, Browser<T> browser) {
        if (!isGroupName(group)) {
            throw new IllegalArgumentException("not a consumer group name");
        }
        // A channel of its own, closed at the end: what was not acknowledged goes back to the queue.
        return rabbit.execute(channel -> {
            List<GetResponse> messages = new ArrayList<>();
            GetResponse next;
            while (messages.size() < MAX_BROWSE && (next = channel.basicGet(dlqOf(group), false)) != null) {
                messages.add(next);
            }
            List<GetResponse> removed = new ArrayList<>();
            try {
                return browser.read(messages, removed);
            } finally {
                for (GetResponse message : messages) {
                    long tag = message.getEnvelope().getDeliveryTag();
                    if (removed.contains(message)) {
                        channel.basicAck(tag, false);
                    } else {
                        channel.basicNack(tag, false, true);
                    }
                }
            }
        });
    }

    private void republish(String group, GetResponse dead) {
        MessageProperties props = properties.toMessageProperties(dead.getProps(), dead.getEnvelope(), "UTF-8");
        Map<String, Object> headers = new HashMap<>(props.getHeaders());
        // The broker's and the binder's records of the failure go, and the attempt count of the broker-side
        // retries: a replayed message starts again at attempt 1.
        headers.keySet().removeIf(name -> name.startsWith("x-death") || name.startsWith("x-first-death")
                || name.startsWith("x-last-death") || name.startsWith("x-exception") || name.startsWith("x-original")
                || name.equals(BrokerRetries.ATTEMPT_HEADER));
        props.getHeaders().clear();
        props.getHeaders().putAll(headers);
        props.setReceivedDeliveryMode(null);
        CorrelationData confirm = new CorrelationData(dead.getProps().getMessageId());
        rabbit.send("", queueOf(group), new Message(dead.getBody(), props), confirm);
        try {
            var outcome = confirm.getFuture().get(CONFIRM_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (!outcome.isAck()) {
                throw new IllegalStateException("broker refused the replayed message: " + outcome.getReason());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for the replay's confirm", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("no confirm for the replayed message", e);
        }
    }

    private DeadLetter summary(GetResponse message, boolean withBody) {
        AMQP.BasicProperties props = message.getProps();
        Map<String, Object> headers = props.getHeaders() == null ? Map.of() : props.getHeaders();
        JsonNode body = null;
        if (withBody) {
            try {
                body = json.readTree(message.getBody());
            } catch (IOException notJson) {
                body = json.getNodeFactory().textNode("(" + message.getBody().length + " bytes, not JSON)");
            }
        }
        return new DeadLetter(props.getMessageId(), text(headers.get("eventType")),
                text(headers.get("x-original-routingKey")), text(headers.get("x-exception-message")),
                props.getTimestamp() == null ? null : props.getTimestamp().toInstant(), body);
    }

    private static String text(Object header) {
        return header == null ? null : header.toString();
    }
}
