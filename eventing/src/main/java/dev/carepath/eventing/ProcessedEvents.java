package dev.carepath.eventing;

import dev.carepath.contracts.events.DomainEvent;
import dev.carepath.tenancy.SchemaNames;
import org.springframework.jdbc.core.JdbcTemplate;

/** The record of events a consumer has already applied, kept in the consumer's own schema. */
public class ProcessedEvents {

    private final JdbcTemplate jdbc;

    public ProcessedEvents(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Claims {@code event} for {@code consumer}. Call it in the transaction of the effect: true means
     * this is the first delivery and the effect must be applied; false means it was applied before.
     */
    public boolean claim(String schema, String consumer, DomainEvent event) {
        int inserted = jdbc.update("INSERT INTO " + SchemaNames.checked(schema) + ".processed_event"
                        + " (consumer, event_id, tenant_id, event_type) VALUES (?, ?::uuid, ?, ?)"
                        + " ON CONFLICT DO NOTHING",
                consumer, event.id(), event.tenantId(), event.type());
        return inserted == 1;
    }
}
