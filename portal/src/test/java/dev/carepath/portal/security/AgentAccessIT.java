package dev.carepath.portal.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.carepath.portal.PortalIntegrationSupport;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Machine clients as agents use them: tokens from {@code /oauth2/token}, scopes per endpoint, the tenant
 * taken from the token, revocation effective on the next request, entitlements read per request.
 */
class AgentAccessIT extends PortalIntegrationSupport {

    private Response startAs(String token, String body) {
        return post("/v1/journeys", Map.of("Idempotency-Key", UUID.randomUUID().toString(),
                "Authorization", "Bearer " + token), body);
    }

    @Test
    void theActuatorAnswersAnonymousCallsForHealthOnly() {
        assertThat(get("/actuator/health", null).status()).isEqualTo(200);
        for (String endpoint : List.of("/actuator", "/actuator/info", "/actuator/metrics", "/actuator/env")) {
            get(endpoint, null).assertProblem(401, "unauthorized");
        }
    }

    @Test
    void everyV1EndpointButHealthNeedsAToken() {
        get("/v1/journeys/" + UUID.randomUUID(), null).assertProblem(401, "unauthorized");
        get("/v1/journeys/" + UUID.randomUUID(), "not-a-token").assertProblem(401, "unauthorized");
        get("/v1/admin/tenants/it-default", null).assertProblem(401, "unauthorized");
        assertThat(get("/actuator/health", null).status()).isEqualTo(200);

        String tenant = newTenant();
        get("/v1/admin/tenants/" + tenant, agentToken(tenant)).assertProblem(403, "insufficient-scope");
        assertThat(staffGet("/v1/admin/tenants/" + tenant).json().path("tenantId").asText()).isEqualTo(tenant);
    }

    @Test
    void aTenantsTokenGets404ForAnotherTenantsJourney() {
        String a = newTenant();
        String b = newTenant();
        UUID journeyOfA = startJourney(a);

        assertThat(get("/v1/journeys/" + journeyOfA, agentToken(a)).status()).isEqualTo(200);
        get("/v1/journeys/" + journeyOfA, agentToken(b)).assertProblem(404, "not-found");
    }

    @Test
    void aBodyTenantOtherThanTheTokensIsRefused() {
        String a = newTenant();
        String b = newTenant();
        provision(b);

        startAs(agentToken(a), journeyBody(b)).assertProblem(403, "tenant-mismatch");
        assertThat(count("SELECT count(*) FROM orders.journey_order WHERE tenant_id IN (?, ?)", a, b)).isZero();
    }

    @Test
    void aRevokedClientIsRefusedOnItsNextRequest() {
        String tenant = newTenant();
        Client client = provisionedClient(tenant, List.of("journeys:write", "journeys:read"));
        String token = token(client);
        Response started = startAs(token, journeyBody(tenant));
        assertThat(started.status()).isEqualTo(202);
        String journey = "/v1/journeys/" + started.json().path("journeyId").asText();
        assertThat(get(journey, token).status()).isEqualTo(200);

        assertThat(staffDelete("/v1/admin/tenants/" + tenant + "/clients/" + client.clientId()).status())
                .isEqualTo(204);

        get(journey, token).assertProblem(401, "unauthorized");
        startAs(token, journeyBody(tenant)).assertProblem(401, "unauthorized");
        assertThat(tokenResponse(client).status()).isEqualTo(401);
        // The tenant's other clients keep working.
        assertThat(get(journey, agentToken(tenant)).status()).isEqualTo(200);
    }

    @Test
    void scopesSeparateWritingReadingAndClinicalData() {
        String tenant = newTenant();
        String readOnly = token(provisionedClient(tenant, List.of("journeys:read")));
        String writeOnly = token(provisionedClient(tenant, List.of("journeys:write")));

        startAs(readOnly, journeyBody(tenant)).assertProblem(403, "insufficient-scope");
        Response started = startAs(writeOnly, journeyBody(tenant));
        assertThat(started.status()).isEqualTo(202);
        String journey = "/v1/journeys/" + started.json().path("journeyId").asText();
        get(journey, writeOnly).assertProblem(403, "insufficient-scope");
        assertThat(get(journey, readOnly).status()).isEqualTo(200);
        get(journey + "/prescription?purpose=treatment", readOnly).assertProblem(403, "insufficient-scope");
        put(journey + "/intake", readOnly, "{}").assertProblem(403, "insufficient-scope");

        String clinicalOnly = token(provisionedClient(tenant, List.of("phi:read")));
        get(journey, clinicalOnly).assertProblem(403, "insufficient-scope");
        startAs(clinicalOnly, journeyBody(tenant)).assertProblem(403, "insufficient-scope");
        put(journey + "/intake", clinicalOnly, "{}").assertProblem(403, "insufficient-scope");
    }

    @Test
    void aTenantClientCannotHoldTheAdminScope() {
        String tenant = newTenant();
        provision(tenant);
        staffPost("/v1/admin/tenants/" + tenant + "/clients", Map.of(),
                "{\"name\": \"sneaky\", \"scopes\": [\"admin\"]}").assertProblem(400, "validation");
    }

    @Test
    void entitlementsApplyToTheNextRequestWithoutNewCredentials() {
        String tenant = newTenant();
        staffPost("/v1/admin/tenants", Map.of(), """
                {"tenantId": "%s", "name": "Narrow", "merchantAccount": "acct_narrow",
                 "callbackUrl": "https://agent.example/callback",
                 "entitlements": [{"therapy": "semaglutide", "states": ["TX"]}]}""".formatted(tenant));
        String token = token(provisionedClient(tenant, List.of("journeys:write")));
        String tirzepatideInTexas = journeyBody(tenant, "pat-1", "tirzepatide", "TX", "tok_visa_4242");

        assertThat(startAs(token, journeyBody(tenant, "pat-1", "semaglutide", "TX", "tok_visa_4242")).status())
                .isEqualTo(202);
        startAs(token, journeyBody(tenant, "pat-1", "semaglutide", "CA", "tok_visa_4242"))
                .assertProblem(403, "not-entitled");
        startAs(token, tirzepatideInTexas).assertProblem(403, "not-entitled");

        assertThat(staffPut("/v1/admin/tenants/" + tenant + "/entitlements", """
                {"entitlements": [{"therapy": "semaglutide", "states": ["TX"]},
                                  {"therapy": "tirzepatide", "states": ["TX"]}]}""").status()).isEqualTo(200);

        assertThat(startAs(token, tirzepatideInTexas).status()).isEqualTo(202);
    }

    @Test
    void provisioningATenantPublishesTenantProvisionedOnce() throws Exception {
        String tenant = newTenant();
        provision(tenant);
        staffPost("/v1/admin/tenants", Map.of(), """
                {"tenantId": "%s", "name": "Again", "merchantAccount": "acct_again",
                 "callbackUrl": "https://agent.example/callback", "entitlements": []}""".formatted(tenant))
                .assertProblem(409, "tenant-exists");

        List<String> events = jdbc.queryForList("SELECT envelope::text FROM tenants.outbox WHERE tenant_id = ?",
                String.class, tenant);
        assertThat(events).hasSize(1);
        JsonNode event = json.readTree(events.get(0));
        assertThat(event.path("type").asText()).isEqualTo("tenant.provisioned");
        assertThat(event.path("dataschema").asText())
                .isEqualTo("https://carepath.dev/schemas/events/tenant.provisioned/v1.json");
        assertThat(event.path("data").path("merchantAccount").asText()).isEqualTo("acct_it");
        assertThat(event.path("data").path("entitlements")).hasSize(2);
    }
    @Test
    void aTenantsMessagingIsPublishedWithItsProvisioningForTheNotificationsService() throws Exception {
        String tenant = newTenant();
        staffPost("/v1/admin/tenants", Map.of(), """
                {"tenantId": "%s", "name": "Northwind Health", "merchantAccount": "acct_nw",
                 "callbackUrl": "https://agent.example/callback", "entitlements": [],
                 "messaging": {"quietHours": {"start": "25:00", "end": "08:00"}}}""".formatted(tenant))
                .assertProblem(400, "validation");
        assertThat(staffPost("/v1/admin/tenants", Map.of(), """
                {"tenantId": "%s", "name": "Northwind Health", "merchantAccount": "acct_nw",
                 "callbackUrl": "https://agent.example/callback", "entitlements": [],
                 "messaging": {"sender": "Northwind Care Team", "supportContact": "help@northwind.example",
                   "quietHours": {"start": "20:30", "end": "09:00"},
                   "templates": [{"templateId": "medication-shipped", "subject": "{{brand}}: shipped",
                                  "body": "{{brand}}: order {{orderId}} shipped."}]}}""".formatted(tenant))
                .status()).isEqualTo(201);

        JsonNode messaging = json.readTree(jdbc.queryForObject("SELECT envelope::text FROM tenants.outbox"
                + " WHERE tenant_id = ?", String.class, tenant)).path("data").path("messaging");
        assertThat(messaging.path("sender").asText()).isEqualTo("Northwind Care Team");
        assertThat(messaging.path("supportContact").asText()).isEqualTo("help@northwind.example");
        assertThat(messaging.path("quietHours").path("start").asText()).isEqualTo("20:30");
        assertThat(messaging.path("templates").path(0).path("body").asText())
                .isEqualTo("{{brand}}: order {{orderId}} shipped.");
    }

    @Test
    void aTenantChoosesItsProcessorAndStaffMoveItToAnotherForItsNextCycles() throws Exception {
        String tenant = newTenant();
        assertThat(staffPost("/v1/admin/tenants", Map.of(), """
                {"tenantId": "%s", "name": "Keystone", "processor": "keystone-payments", "merchantAccount": "ks_one",
                 "callbackUrl": "https://agent.example/callback", "entitlements": []}""".formatted(tenant)).status())
                .isEqualTo(201);
        assertThat(staffPut("/v1/admin/tenants/" + tenant + "/merchant", """
                {"processor": "squarepay", "merchantAccount": "acct_x"}""").assertProblem(400, "malformed-request")
                .json().path("errors").path(0).path("field").asText()).isEqualTo("processor");
        staffPut("/v1/admin/tenants/" + tenant + "/merchant", """
                {"processor": "northpay", "merchantAccount": "acct x"}""").assertProblem(400, "validation");
        staffPut("/v1/admin/tenants/" + tenant + "/merchant", """
                {"merchantAccount": "acct_two"}""").assertProblem(400, "validation");

        assertThat(staffPut("/v1/admin/tenants/" + tenant + "/merchant", """
                {"processor": "northpay", "merchantAccount": "acct_two"}""").status()).isEqualTo(200);
        staffPut("/v1/admin/tenants/" + newTenant() + "/merchant", """
                {"processor": "northpay", "merchantAccount": "acct_two"}""").assertProblem(404, "not-found");

        List<JsonNode> events = new java.util.ArrayList<>();
        for (String envelope : jdbc.queryForList("SELECT envelope::text FROM tenants.outbox WHERE tenant_id = ?"
                + " ORDER BY sequence", String.class, tenant)) {
            events.add(json.readTree(envelope));
        }
        assertThat(events).extracting(event -> event.path("type").asText() + " " + event.path("sequence").asText()
                        + " " + event.path("data").path("processor").asText()
                        + " " + event.path("data").path("merchantAccount").asText())
                .containsExactly("tenant.provisioned 1 keystone-payments ks_one",
                        "tenant.merchant-changed 2 northpay acct_two");
        assertThat(jdbc.queryForObject("SELECT processor || ' ' || merchant_account FROM tenants.tenant"
                + " WHERE tenant_id = ?", String.class, tenant)).isEqualTo("northpay acct_two");
    }
}
