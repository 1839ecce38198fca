package dev.carepath.portal.tenants;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.carepath.portal.PortalIntegrationSupport;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The tenant's plan, the service level pharmacy routing must meet: chosen at provisioning (standard when left out),
 * published with {@code tenant.provisioned}, and carried by each new order's {@code order.created} as its
 * {@code costTier}, which the engine hands to the pharmacy routing table as {@code tenantPlan}.
 */
class TenantPlanIT extends PortalIntegrationSupport {

    @Test
    void aPremiumTenantsOrdersCarryItsPlanToRouting() throws Exception {
        String tenant = newTenant();
        assertThat(staffPost("/v1/admin/tenants", Map.of(), provisioning(tenant, "\"plan\": \"premium\",")).status())
                .isEqualTo(201);
        assertThat(staffGet("/v1/admin/tenants/" + tenant).json().path("plan").asText()).isEqualTo("premium");

        UUID journey = startJourney(tenant);

        assertThat(data("tenants.outbox", tenant).path("plan").asText()).isEqualTo("premium");
        assertThat(data("orders.outbox", journey.toString()).path("costTier").asText()).isEqualTo("premium");
    }

    @Test
    void aTenantProvisionedWithoutAPlanIsStandard() throws Exception {
        String tenant = newTenant();
        assertThat(staffPost("/v1/admin/tenants", Map.of(), provisioning(tenant, "")).json().path("plan").asText())
                .isEqualTo("standard");

        UUID journey = startJourney(tenant);

        assertThat(data("orders.outbox", journey.toString()).path("costTier").asText()).isEqualTo("standard");
    }

    @Test
    void anUnknownPlanIsRefusedNamingTheFieldAndNothingIsStored() {
        String tenant = newTenant();

        assertThat(staffPost("/v1/admin/tenants", Map.of(), provisioning(tenant, "\"plan\": \"gold\","))
                .assertProblem(400, "malformed-request").json().path("errors").path(0).path("field").asText())
                .isEqualTo("plan");
        assertThat(count("SELECT count(*) FROM tenants.tenant WHERE tenant_id = ?", tenant)).isZero();
        assertThat(count("SELECT count(*) FROM tenants.outbox WHERE tenant_id = ?", tenant)).isZero();
    }

    private static String provisioning(String tenant, String plan) {
        return """
                {"tenantId": "%s", "name": "Plan %s", %s "merchantAccount": "acct_it",
                 "callbackUrl": "https://agent.example/callback",
                 "entitlements": [{"therapy": "semaglutide", "states": ["TX"]}]}""".formatted(tenant, tenant, plan);
    }

    /** The data of the one event the outbox {@code table} holds for {@code aggregate}. */
    private JsonNode data(String table, String aggregate) throws Exception {
        return json.readTree(jdbc.queryForObject("SELECT envelope::text FROM " + table + " WHERE aggregate_id = ?"
                + " ORDER BY sequence LIMIT 1", String.class, aggregate)).path("data");
    }
}
