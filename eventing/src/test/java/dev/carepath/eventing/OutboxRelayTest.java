package dev.carepath.eventing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class OutboxRelayTest {

    private static OutboxRelay.Row row(String aggregate, String eventId) {
        return new OutboxRelay.Row(aggregate, new EventPublisher.OutboundEvent(eventId, "t.x", new byte[0]));
    }

    private static List<List<String>> ids(List<List<EventPublisher.OutboundEvent>> waves) {
        return waves.stream().map(wave -> wave.stream().map(EventPublisher.OutboundEvent::eventId).toList()).toList();
    }

    @Test
    void aBatchOfDistinctAggregatesIsOneWave() {
        assertThat(ids(OutboxRelay.waves(List.of(row("a", "a1"), row("b", "b1"), row("c", "c1")))))
                .containsExactly(List.of("a1", "b1", "c1"));
    }

    @Test
    void anAggregatesNextEventWaitsForTheNextWave() {
        var batch = List.of(row("a", "a1"), row("b", "b1"), row("a", "a2"), row("a", "a3"), row("c", "c1"),
                row("b", "b2"));

        assertThat(ids(OutboxRelay.waves(batch)))
                .containsExactly(List.of("a1", "b1", "c1"), List.of("a2", "b2"), List.of("a3"));
    }
}
