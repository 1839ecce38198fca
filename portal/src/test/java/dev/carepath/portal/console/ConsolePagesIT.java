package dev.carepath.portal.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.carepath.contracts.events.DomainEvent;
import dev.carepath.contracts.events.EventCodec;
import dev.carepath.contracts.events.EventTypes;
import dev.carepath.portal.BackboneEvents;
import dev.carepath.portal.PortalIntegrationSupport;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The console's pages against the whole portal (real PostgreSQL and RabbitMQ), as the people who use them: what each
 * page shows, what each action changes, and the roles that may take it. The engine and the clinical store are not
 * running in this context (their parts show that); the pages that need them are covered with the whole platform in
 * {@code WholeJourneyIT}.
 */
class ConsolePagesIT extends PortalIntegrationSupport {

    private static final Pattern SECRET = Pattern.compile("id=\"secret-value\">([^<]+)<");
    private static final Pattern CLIENT_ID = Pattern.compile("id=\"secret-client-id\">([^<]+)<");

    @Autowired
    private RabbitTemplate rabbit;

    @Autowired
    private EventCodec codec;

    private StaffBrowser as(String user) {
        return new StaffBrowser(port).loggedInAs(user, user + "-local");
    }

    private UUID projectedJourney(String tenant) {
        UUID journeyId = startJourney(tenant);
        await().atMost(EVENTUALLY).until(() -> count("SELECT count(*) FROM read.journey WHERE journey_id = ?"
                + " AND created_at IS NOT NULL", journeyId) == 1);
        return journeyId;
    }

    @Test
    void careOpsFindJourneysAcrossTenantsByTenantOrderIdAndPartnerId() {
        String tenant = newTenant();
        String other = newTenant();
        UUID journey = projectedJourney(tenant);
        UUID elsewhere = projectedJourney(other);
        String chargeId = "ch_console_" + UUID.randomUUID().toString().substring(0, 8);
        new BackboneEvents(rabbit, codec).publish(BackboneEvents.event(EventTypes.PAYMENT_CAPTURED, journey, tenant,
                OffsetDateTime.now(ZoneOffset.UTC), Map.of("cycle", 1, "processor", "simulated", "amountMinor", 19900,
                        "currency", "USD", "chargeId", chargeId)));
        await().atMost(EVENTUALLY).until(() -> count("SELECT count(*) FROM read.journey WHERE charge_id = ?",
                chargeId) == 1);
        StaffBrowser careOps = as("care-ops");

        StaffBrowser.Page byTenant = careOps.get("/console/journeys?tenant=" + tenant);
        assertThat(byTenant.status()).isEqualTo(200);
        assertThat(byTenant.body()).contains("data-journey-id=\"" + journey + "\"")
                .doesNotContain(elsewhere.toString());
        assertThat(careOps.get("/console/journeys?orderId=" + elsewhere).body())
                .contains("data-journey-id=\"" + elsewhere + "\"").doesNotContain(journey.toString());
        assertThat(careOps.get("/console/journeys?partnerId=" + chargeId).body())
                .contains("data-journey-id=\"" + journey + "\"").doesNotContain(elsewhere.toString());
        assertThat(careOps.get("/console/journeys?tenant=" + tenant + "&status=PAID&therapy=semaglutide&state=tx")
                .body()).contains("data-journey-id=\"" + journey + "\"");
        assertThat(careOps.get("/console/journeys?tenant=" + tenant + "&status=COMPLETED").body())
                .contains("id=\"no-journeys\"");

        StaffBrowser.Page bad = careOps.get("/console/journeys?orderId=not-a-uuid&from=yesterday");
        assertThat(bad.status()).isEqualTo(200);
        assertThat(bad.body()).contains("id=\"search-errors\"", "Order id must be a journey id",
                "Created from must be a date").doesNotContain("journey-table");
    }

    @Test
    void theJourneyPageShowsTimelinePartnerIdsLedgerAndDeliveriesButNoPhiUnlessAClinicianAsks() {
        String tenant = newTenant();
        UUID journey = projectedJourney(tenant);
        new BackboneEvents(rabbit, codec).publish(BackboneEvents.event(EventTypes.PAYMENT_CAPTURED, journey, tenant,
                OffsetDateTime.now(ZoneOffset.UTC), Map.of("cycle", 1, "processor", "simulated", "amountMinor", 19900,
                        "currency", "USD", "chargeId", "ch_page")));
        await().atMost(EVENTUALLY).until(() -> count("SELECT count(*) FROM audit.audit_event WHERE tenant_id = ?"
                + " AND event_type = 'payment.captured'", tenant) == 1);
        await().atMost(EVENTUALLY).until(() -> count("SELECT count(*) FROM callbacks.delivery WHERE journey_id = ?",
                journey) >= 1);

        StaffBrowser.Page page = as("care-ops").get("/console/journeys/" + journey);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body())
                .contains("<title>Journey · carepath console</title>", "id=\"journey-tenant\">" + tenant + "<",
                        "order.created", "payment.captured", "data-partner=\"chargeId\">ch_page<", "199.00 USD",
                        "id=\"deliveries\"")
                .contains("id=\"engine-unavailable\"")
                .doesNotContain("id=\"phi-form\"", "id=\"phi-revealed\"");
        assertThat(as("clinician").get("/console/journeys/" + journey).body()).contains("id=\"phi-form\"",
                "<option value=\"treatment\">");

        assertThat(as("care-ops").get("/console/journeys/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(as("care-ops").get("/console/journeys/nope").body()).contains("id=\"not-found-title\"");
    }

    @Test
    void aClinicianMustStateAPurposeAndAnUnreachableClinicalStoreRevealsNothing() {
        String tenant = newTenant();
        UUID journey = projectedJourney(tenant);
        StaffBrowser clinician = as("clinician");
        clinician.get("/console/journeys/" + journey);

        StaffBrowser.Page noPurpose = clinician.post("/console/journeys/" + journey + "/phi", Map.of());
        assertThat(noPurpose.status()).isEqualTo(200);
        assertThat(noPurpose.body()).contains("id=\"phi-error\"").doesNotContain("id=\"phi-revealed\"");

        StaffBrowser.Page down = clinician.post("/console/journeys/" + journey + "/phi", Map.of("purpose", "treatment"));
        assertThat(down.body()).contains("id=\"phi-intake-message\"", "clinical store cannot be reached")
                .doesNotContain("id=\"phi-intake\"");

        StaffBrowser careOps = as("care-ops");
        careOps.get("/console/journeys/" + journey);
        assertThat(careOps.post("/console/journeys/" + journey + "/phi", Map.of("purpose", "treatment")).status())
                .isEqualTo(403);
    }

    @Test
    void aPlatformAdminCreatesATenantEditsItsEntitlementsAndManagesItsClients() {
        String tenant = newTenant();
        StaffBrowser admin = as("platform-admin");
        admin.get("/console/tenants");

        StaffBrowser.Page invalid = admin.post("/console/tenants", Map.of("tenantId", "Not Valid", "name", "x",
                "merchantAccount", "acct", "callbackUrl", "ftp://nowhere", "entitlements", "semaglutide: TX"));
        assertThat(invalid.status()).isEqualTo(200);
        assertThat(invalid.body()).contains("id=\"tenant-errors\"", "tenantId", "callbackUrl");
        assertThat(count("SELECT count(*) FROM tenants.tenant WHERE tenant_id = 'Not Valid'")).isZero();

        StaffBrowser.Page created = admin.post("/console/tenants", Map.of("tenantId", tenant, "name", "Console IT",
                "merchantAccount", "acct_console", "callbackUrl", "http://127.0.0.1:9/callback",
                "entitlements", "semaglutide: TX, ca\ntirzepatide: NY"));
        assertThat(created.status()).isEqualTo(302);
        assertThat(created.location()).endsWith("/console/tenants/" + tenant);
        assertThat(count("SELECT count(*) FROM tenants.entitlement WHERE tenant_id = ?", tenant)).isEqualTo(3);
        await().atMost(EVENTUALLY).until(() -> count("SELECT count(*) FROM audit.audit_event WHERE tenant_id = ?"
                + " AND event_type = 'tenant.provisioned'", tenant) == 1);
        assertThat(admin.get("/console/tenants").body()).contains("data-tenant-id=\"" + tenant + "\"");

        admin.get("/console/tenants/" + tenant);
        StaffBrowser.Page entitled = admin.post("/console/tenants/" + tenant + "/entitlements",
                Map.of("entitlements", "semaglutide: TX"));
        assertThat(entitled.status()).isEqualTo(302);
        assertThat(jdbc.queryForList("SELECT therapy || ':' || state_code FROM tenants.entitlement WHERE tenant_id = ?",
                String.class, tenant)).containsExactly("semaglutide:TX");

        admin.get("/console/tenants/" + tenant);
        StaffBrowser.Page client = admin.post("/console/tenants/" + tenant + "/clients",
                Map.of("name", "console agent", "scopes", "journeys:read"));
        assertThat(client.body()).contains("id=\"secret-once\"");
        String clientId = first(CLIENT_ID, client.body());
        String secret = first(SECRET, client.body());
        assertThat(tokenStatus(clientId, secret)).isEqualTo(200);
        assertThat(admin.get("/console/tenants/" + tenant).body()).contains("data-client-id=\"" + clientId + "\"")
                .as("the secret is shown once").doesNotContain(secret);

        StaffBrowser.Page rotated = admin.post("/console/tenants/" + tenant + "/clients/" + clientId + "/rotation",
                Map.of());
        String newSecret = first(SECRET, rotated.body());
        assertThat(newSecret).isNotEqualTo(secret);
        assertThat(tokenStatus(clientId, secret)).isEqualTo(401);
        assertThat(tokenStatus(clientId, newSecret)).isEqualTo(200);

        long secrets = count("SELECT count(*) FROM callbacks.signing_secret WHERE tenant_id = ?", tenant);
        StaffBrowser.Page webhook = admin.post("/console/tenants/" + tenant + "/webhook-secret/rotation", Map.of());
        assertThat(webhook.body()).contains("id=\"secret-value\"");
        assertThat(count("SELECT count(*) FROM callbacks.signing_secret WHERE tenant_id = ?", tenant))
                .isGreaterThan(secrets);

        StaffBrowser.Page revoked = admin.post("/console/tenants/" + tenant + "/clients/" + clientId + "/revocation",
                Map.of());
        assertThat(revoked.status()).isEqualTo(302);
        assertThat(tokenStatus(clientId, newSecret)).isEqualTo(401);
        assertThat(admin.get("/console/tenants/" + tenant).body()).contains(">revoked ");

        assertThat(as("care-ops").get("/console/tenants/" + tenant).status()).isEqualTo(403);
        assertThat(admin.get("/console/tenants/no-such-tenant").status()).isEqualTo(404);
    }

    @Test
    void aDeadLetterIsInspectedAndReplayedToItsConsumer() {
        String tenant = newTenant();
        UUID journey = projectedJourney(tenant);
        DomainEvent event = BackboneEvents.event(EventTypes.JOURNEY_STARTED, journey, tenant,
                OffsetDateTime.now(ZoneOffset.UTC), Map.of());
        String group = "portal-read-model";
        new BackboneEvents(rabbit, codec).deadLetter(group, event, "refused for the console test");
        StaffBrowser admin = as("platform-admin");

        assertThat(admin.get("/console/operations/dead-letters").body()).contains("data-group=\"" + group + "\"");
        StaffBrowser.Page letters = admin.get("/console/operations/dead-letters/" + group);
        assertThat(letters.body()).contains("data-message-id=\"" + event.id() + "\"");
        assertThat(admin.get("/console/operations/dead-letters/" + group + "?message=" + event.id()).body())
                .contains("id=\"letter-envelope\"", event.id());

        StaffBrowser.Page replayed = admin.post("/console/operations/dead-letters/" + group + "/replay",
                Map.of("message", event.id()));
        assertThat(replayed.status()).isEqualTo(302);
        await().atMost(EVENTUALLY).until(() -> count("SELECT count(*) FROM read.journey_step WHERE event_id = ?::uuid",
                event.id()) == 1);
        StaffBrowser.Page after = admin.get("/console/operations/dead-letters/" + group);
        assertThat(after.body()).contains("Replayed the message to " + group).doesNotContain(event.id());
        assertThat(admin.get("/console/operations/dead-letters/no-such-group").status()).isEqualTo(404);
    }

    @Test
    void aFailedWebhookDeliveryIsReplayedAndAnAuditChainVerified() {
        String tenant = newTenant();
        UUID journey = projectedJourney(tenant);
        // A milestone for the tenant, whose callback URL nobody answers (the discard port): the delivery fails.
        new BackboneEvents(rabbit, codec).publish(BackboneEvents.event(EventTypes.PAYMENT_CAPTURED, journey, tenant,
                OffsetDateTime.now(ZoneOffset.UTC), Map.of("cycle", 1, "processor", "simulated", "amountMinor", 100,
                        "currency", "USD", "chargeId", "ch_failed_delivery")));
        await().atMost(EVENTUALLY).until(() -> count("SELECT count(*) FROM callbacks.delivery WHERE journey_id = ?",
                journey) >= 1);
        UUID delivery = jdbc.queryForObject("SELECT delivery_id FROM callbacks.delivery WHERE journey_id = ?"
                + " ORDER BY delivery_seq LIMIT 1", UUID.class, journey);
        await().atMost(EVENTUALLY).until(() -> "FAILED".equals(jdbc.queryForObject(
                "SELECT status FROM callbacks.delivery WHERE delivery_id = ?", String.class, delivery)));
        StaffBrowser admin = as("platform-admin");

        assertThat(admin.get("/console/operations/deliveries").body()).contains("data-delivery-id=\"" + delivery + "\"");
        StaffBrowser.Page replayed = admin.post("/console/operations/deliveries/" + tenant + "/" + delivery + "/replay",
                Map.of());
        assertThat(replayed.status()).isEqualTo(302);
        assertThat(jdbc.queryForObject("SELECT retry_from > created_at FROM callbacks.delivery WHERE delivery_id = ?",
                Boolean.class, delivery)).isTrue();

        admin.get("/console/operations/audit");
        StaffBrowser.Page verified = admin.post("/console/operations/audit/verification", Map.of("tenant", tenant));
        assertThat(verified.body()).contains("id=\"audit-intact\"", "data-tenant=\"" + tenant + "\"", ">intact<");

        assertThat(as("care-ops").get("/console/operations/deliveries").status()).isEqualTo(403);
    }

    @Test
    void partnerHealthAndTaskQueuesSayWhenTheirSourceCannotBeReached() {
        StaffBrowser careOps = as("care-ops");
        assertThat(careOps.get("/console/operations/partners").body()).contains("id=\"workers-unavailable\"");
        StaffBrowser.Page tasks = careOps.get("/console/operations/tasks");
        assertThat(tasks.status()).isEqualTo(200);
        assertThat(tasks.body()).contains("id=\"engine-unavailable\"", "id=\"tasklist-link\"",
                "/operaton/app/tasklist/default/");
    }

    /** The token endpoint's status for a client-credentials request with these credentials. */
    private int tokenStatus(String clientId, String secret) {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + port + "/oauth2/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Authorization", "Basic " + basic)
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String first(Pattern pattern, String body) {
        Matcher matcher = pattern.matcher(body);
        assertThat(matcher.find()).as("%s in the page", pattern).isTrue();
        return matcher.group(1);
    }
}
