package dev.carepath.eventing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.carepath.contracts.events.EventCodec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.messaging.support.MessageBuilder;

/** Messages that are no event envelope fail as malformed (not retryable), before any transaction. */
class EventInboxTest {

    private final AtomicInteger effects = new AtomicInteger();
    // No transactions or processed-events store: a malformed message must not get that far.
    private final EventInbox inbox = new EventInbox(null, null, new EventCodec());

    private void consume(String body) {
        inbox.consume("read", "test", MessageBuilder.withPayload(body.getBytes(StandardCharsets.UTF_8)).build(),
                event -> effects.incrementAndGet());
    }

    @Test
    void aBodyThatIsNotJsonIsMalformed() {
        assertThatThrownBy(() -> consume("{\"specversion\": \"1.0\", \"id\": \"x\""))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageStartingWith("not a carepath event envelope");
        assertThat(effects).hasValue(0);
    }

    @Test
    void anEnvelopeWithoutTenantIsMalformed() {
        assertThatThrownBy(() -> consume("""
                {"specversion": "1.0", "id": "e-1", "type": "order.created", "source": "/carepath/portal/orders",
                 "subject": "o-1", "time": "2026-01-01T00:00:00Z", "data": {}}"""))
                .isInstanceOf(MalformedEventException.class);
        assertThat(effects).hasValue(0);
    }

    @Test
    void theMessageNamesTheDefectButNotTheBody() {
        assertThatThrownBy(() -> consume("{\"patientReference\": \"pat-secret\""))
                .isInstanceOf(MalformedEventException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("pat-secret"));
    }

    @Test
    void outboxStreamsAreNamedPerSchema() {
        Outbox outbox = new Outbox(null, new EventCodec(), URI.create("/carepath/portal"), null);
        assertThat(outbox.sourceOf("orders")).isEqualTo(URI.create("/carepath/portal/orders"));
        assertThat(new Outbox(null, new EventCodec(), URI.create("/carepath/portal/"), null).sourceOf("ingress"))
                .isEqualTo(URI.create("/carepath/portal/ingress"));
        assertThatThrownBy(() -> outbox.sourceOf("../x")).isInstanceOf(IllegalArgumentException.class);
    }
}
