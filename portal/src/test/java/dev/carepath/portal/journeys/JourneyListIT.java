package dev.carepath.portal.journeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.carepath.contracts.events.EventCodec;
import dev.carepath.contracts.events.EventTypes;
import dev.carepath.portal.BackboneEvents;
import dev.carepath.portal.PortalIntegrationSupport;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@code GET /v1/journeys} on real PostgreSQL and RabbitMQ: the list comes from the read model (fed through the
 * real outbox, relay and broker), holds only the token's tenant's journeys, filters, is newest first, and pages by
 * keyset so that journeys started while a client pages neither repeat nor push rows out of later pages.
 */
class JourneyListIT extends PortalIntegrationSupport {

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    EventCodec codec;

    private UUID start(String tenant, String patientReference, String therapy, String stateCode) {
        Response response = post("/v1/journeys", Map.of("Idempotency-Key", UUID.randomUUID().toString()),
                journeyBody(tenant, patientReference, therapy, stateCode, "tok_visa_4242"));
        assertThat(response.status()).as(response.body()).isEqualTo(202);
        return UUID.fromString(response.json().path("journeyId").asText());
    }

    private JsonNode list(String tenant, String query) {
        Response response = get("/v1/journeys" + query, agentToken(tenant));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static List<UUID> ids(JsonNode page) {
        return StreamSupport.stream(page.path("items").spliterator(), false)
                .map(item -> UUID.fromString(item.path("journeyId").asText())).toList();
    }

    private void awaitListed(String tenant, int journeys) {
        await().atMost(EVENTUALLY).until(() -> ids(list(tenant, "?limit=100")).size() == journeys);
    }

    @Test
    void aTenantSeesOnlyItsOwnJourneysNewestFirstWithTheirOrderFacts() {
        String tenant = newTenant();
        String other = newTenant();
        List<UUID> mine = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            mine.add(start(tenant, "pat-list-" + i, "semaglutide", "TX"));
        }
        UUID theirs = start(other, "pat-list-0", "semaglutide", "TX");
        awaitListed(tenant, 3);
        awaitListed(other, 1);

        JsonNode page = list(tenant, "");

        assertThat(ids(page)).containsExactly(mine.get(2), mine.get(1), mine.get(0)).doesNotContain(theirs);
        assertThat(page.path("nextCursor").isNull()).isTrue();
        JsonNode newest = page.path("items").get(0);
        assertThat(newest.path("patientReference").asText()).isEqualTo("pat-list-2");
        assertThat(newest.path("therapy").asText()).isEqualTo("semaglutide");
        assertThat(newest.path("stateCode").asText()).isEqualTo("TX");
        assertThat(newest.path("cycle").asInt()).isEqualTo(1);
        assertThat(newest.path("status").asText()).isEqualTo("RECEIVED");
        assertThat(OffsetDateTime.parse(newest.path("createdAt").asText()))
                .isAfterOrEqualTo(OffsetDateTime.parse(page.path("items").get(1).path("createdAt").asText()));
        assertThat(newest.has("updatedAt")).isTrue();
        // Another tenant's patient reference finds nothing here.
        assertThat(ids(list(other, "?patientReference=pat-list-2"))).isEmpty();
    }

    @Test
    void filtersNarrowTheList() {
        String tenant = newTenant();
        UUID texas = start(tenant, "pat-a", "semaglutide", "TX");
        UUID california = start(tenant, "pat-b", "tirzepatide", "CA");
        UUID again = start(tenant, "pat-a", "tirzepatide", "TX");
        awaitListed(tenant, 3);
        new BackboneEvents(rabbit, codec).publish(BackboneEvents.event(EventTypes.PAYMENT_CAPTURED, california, tenant,
                OffsetDateTime.now(ZoneOffset.UTC), Map.of("processor", "stripe-sim", "chargeId", "ch_9", "cycle", 1)));
        await().atMost(EVENTUALLY).until(() -> ids(list(tenant, "?status=PAID")).equals(List.of(california)));

        assertThat(ids(list(tenant, "?therapy=tirzepatide"))).containsExactly(again, california);
        assertThat(ids(list(tenant, "?stateCode=TX"))).containsExactly(again, texas);
        assertThat(ids(list(tenant, "?patientReference=pat-a"))).containsExactly(again, texas);
        assertThat(ids(list(tenant, "?patientReference=pat-a&therapy=semaglutide"))).containsExactly(texas);
        assertThat(ids(list(tenant, "?patientReference=pat-nobody"))).isEmpty();
        assertThat(ids(list(tenant, "?status=RECEIVED"))).containsExactly(again, texas);

        String createdOfCalifornia = list(tenant, "?status=PAID").path("items").get(0).path("createdAt").asText();
        assertThat(ids(list(tenant, "?createdAfter=" + createdOfCalifornia))).containsExactly(again, california);
        assertThat(ids(list(tenant, "?createdBefore=" + createdOfCalifornia))).containsExactly(texas);
        assertThat(ids(list(tenant, "?createdAfter=2000-01-01T00:00:00Z&createdBefore=2001-01-01T00:00:00%2B02:00")))
                .isEmpty();
    }

    @Test
    void pagesAreStableWhileJourneysAreStartedConcurrently() {
        String tenant = newTenant();
        List<UUID> before = IntStream.range(0, 7).mapToObj(i -> start(tenant, "pat-p" + i, "semaglutide", "TX"))
                .toList();
        awaitListed(tenant, 7);

        List<UUID> walked = new ArrayList<>();
        List<CompletableFuture<Response>> meanwhile = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = list(tenant, "?limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
            walked.addAll(ids(page));
            pages++;
            // Two more journeys start between every two page reads, concurrently with the reads.
            for (int i = 0; i < 2; i++) {
                meanwhile.add(postAsync("/v1/journeys", Map.of("Idempotency-Key", UUID.randomUUID().toString()),
                        journeyBody(tenant)));
            }
            cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asText();
        } while (cursor != null);
        meanwhile.forEach(CompletableFuture::join);

        List<UUID> newestFirst = new ArrayList<>(before);
        java.util.Collections.reverse(newestFirst);
        assertThat(pages).isEqualTo(4);
        assertThat(walked).as("every journey that existed once, newest first; none started meanwhile")
                .containsExactlyElementsOf(newestFirst);
        awaitListed(tenant, 7 + meanwhile.size());
        Set<UUID> all = new HashSet<>(ids(list(tenant, "?limit=100")));
        assertThat(all).hasSize(7 + meanwhile.size()).containsAll(before);
    }

    @Test
    void theListSurvivesARebuildByReplay() {
        String tenant = newTenant();
        start(tenant, "pat-r1", "tirzepatide", "CA");
        start(tenant, "pat-r2", "semaglutide", "TX");
        awaitListed(tenant, 2);
        await().atMost(EVENTUALLY).until(() -> count("SELECT count(*) FROM audit.audit_event WHERE tenant_id = ?"
                + " AND event_type = 'order.created'", tenant) == 2);
        JsonNode live = list(tenant, "");

        Response rebuilt = staffPost("/v1/admin/read-models/rebuild", Map.of(), "");

        assertThat(rebuilt.status()).as(rebuilt.body()).isEqualTo(200);
        assertThat(list(tenant, "")).isEqualTo(live);
    }

    @Test
    void badParametersAreAValidationProblemNamingEachOne() {
        String tenant = newTenant();
        Response response = get("/v1/journeys?limit=0&therapy=aspirin&stateCode=tx&status=done&createdAfter=yesterday"
                + "&createdBefore=2026-13-01T00:00:00Z&cursor=bm90LWEtY3Vyc29y&patientReference=a%20b", agentToken(tenant))
                .assertProblem(400, "validation");

        assertThat(response.json().path("errors").findValuesAsText("field")).containsExactlyInAnyOrder("limit",
                "therapy", "stateCode", "status", "createdAfter", "createdBefore", "cursor", "patientReference");
        get("/v1/journeys?limit=101", agentToken(tenant)).assertProblem(400, "validation");
        get("/v1/journeys?limit=abc", agentToken(tenant)).assertProblem(400, "validation");
        assertThat(get("/v1/journeys?limit=100", agentToken(tenant)).status()).isEqualTo(200);
    }

    @Test
    void listingNeedsTheReadScope() {
        String tenant = newTenant();
        String writer = token(provisionedClient(tenant, List.of("journeys:write")));

        get("/v1/journeys", writer).assertProblem(403, "insufficient-scope");
        assertThat(get("/v1/journeys", null).status()).isEqualTo(401);
    }
}
