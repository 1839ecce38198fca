package dev.carepath.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.mock;

import com.fasterxml.jackson.databind.JsonNode;
import dev.carepath.contracts.events.DomainEvent;
import dev.carepath.contracts.events.EventCodec;
import dev.carepath.contracts.events.EventTypes;
import dev.carepath.workers.payments.ChargePaymentWorker;
import dev.carepath.workers.payments.RefundPaymentWorker;
import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.camunda.bpm.client.task.ExternalTaskService;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.messaging.Message;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.client.RestClient;

/**
 * Tokenized payments through each tenant's own merchant account: two tenants provisioned on two processors (the
 * {@code tenant.*} events put on the real broker as the portal's relay does), their cycles charged and refunded by the
 * production workers against the partner simulator over HTTP, where each merchant account is served only with the key
 * its processor issued (the workers' secrets, application-it.yml). A tenant's move to another processor applies from
 * its next cycle; a cycle already begun is charged and refunded where it began.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("it")
class TenantMerchantsIT extends WorkerTestSupport {

    private static final Duration EVENTUALLY = Duration.ofSeconds(20);
    private static final URI PORTAL_TENANTS = URI.create("/carepath/portal/tenants");
    private static final String NORTHPAY = "northpay";
    private static final String KEYSTONE = "keystone-payments";
    private static final List<String> MERCHANT_KEYS = List.of("sk_it_north_7d2c", "sk_it_keystone_91ab",
            "sk_it_moved_5e60");

    @Autowired ChargePaymentWorker chargePayment;
    @Autowired RefundPaymentWorker refundPayment;
    @Autowired RabbitTemplate rabbit;
    @Autowired EventCodec codec;
    @Autowired @Qualifier("tenantMerchants") Consumer<Message<byte[]>> consumer;

    private final RestClient simulator = RestClient.create(PARTNERS);
    private final String north = "north-" + UUID.randomUUID().toString().substring(0, 8);
    private final String keystone = "keystone-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void twoTenantsOnTwoProcessorsAreEachChargedAndRefundedOnlyThroughTheirOwnMerchantAccount() {
        provision(north, NORTHPAY, "acct_it_north");
        provision(keystone, KEYSTONE, "ks_it_keystone");
        String northOrder = UUID.randomUUID().toString();
        String keystoneOrder = UUID.randomUUID().toString();

        Map<String, Object> northCharged = charge(north, northOrder, 1, "tok_visa_4242", null);
        Map<String, Object> keystoneCharged = charge(keystone, keystoneOrder, 1, "tok_visa_4242", null);
        Map<String, Object> keystoneRefunded = refund(keystone, keystoneOrder, 1);

        assertThat(northCharged).containsEntry("processor", NORTHPAY);
        assertThat(keystoneCharged).containsEntry("processor", KEYSTONE);
        assertThat(keystoneRefunded).containsKey("refundId");
        assertThat(ledgerOf(NORTHPAY)).extracting(TenantMerchantsIT::line).containsExactly(
                "charge " + north + ":" + northOrder + ":1 acct_it_north");
        assertThat(ledgerOf(KEYSTONE)).extracting(TenantMerchantsIT::line).containsExactly(
                "charge " + keystone + ":" + keystoneOrder + ":1 ks_it_keystone",
                "refund refund:" + keystone + ":" + keystoneOrder + ":1 ks_it_keystone");
        assertThat(jdbc.queryForList("SELECT tenant_id || ' ' || processor || ' ' || merchant_account || ' ' || status"
                + " FROM payments.charge WHERE tenant_id IN (?, ?) ORDER BY tenant_id", String.class, keystone, north))
                .containsExactly(keystone + " " + KEYSTONE + " ks_it_keystone captured",
                        north + " " + NORTHPAY + " acct_it_north captured");
        assertThat(jdbc.queryForList("SELECT envelope::text FROM payments.outbox WHERE tenant_id IN (?, ?)",
                String.class, north, keystone))
                .hasSize(3)
                .allSatisfy(envelope -> assertThat(envelope).doesNotContain(MERCHANT_KEYS));
        assertThat(List.of(northCharged, keystoneCharged, keystoneRefunded)).allSatisfy(variables ->
                assertThat(variables.values().toString()).doesNotContain(MERCHANT_KEYS).doesNotContain("ks_it_", "acct_it"));
    }

    @Test
    void aTenantMovedToAnotherProcessorIsChargedThereFromItsNextCycleAndRefundedWhereEachCycleWasCharged() {
        provision(north, NORTHPAY, "acct_it_north");
        String order = UUID.randomUUID().toString();
        String refill = UUID.randomUUID().toString();
        charge(north, order, 1, "tok_visa_4242", null);
        // A refill whose first attempt is declined before the move: its dunning retry comes after it.
        charge(north, refill, 2, "tok_decline_insufficient", null);

        DomainEvent moved = tenantEvent(north, EventTypes.TENANT_MERCHANT_CHANGED, 2, KEYSTONE, "ks_it_moved");
        publish(rabbit, codec, moved);
        await().atMost(EVENTUALLY).until(() -> merchantOf(north).equals(KEYSTONE + " ks_it_moved"));
        // A late redelivery of the provisioning (an older sequence of the tenant) changes nothing.
        consumer.accept(asDelivered(codec,
                tenantEvent(north, EventTypes.TENANT_PROVISIONED, 1, NORTHPAY, "acct_it_north")));
        consumer.accept(asDelivered(codec, moved));
        assertThat(merchantOf(north)).isEqualTo(KEYSTONE + " ks_it_moved");

        Map<String, Object> nextCycle = charge(north, order, 2, "tok_visa_4242", null);
        Map<String, Object> dunningRetry = charge(north, refill, 2, "tok_visa_4242", 2);
        refund(north, order, 1);
        refund(north, order, 2);

        assertThat(nextCycle).containsEntry("processor", KEYSTONE);
        assertThat(dunningRetry).containsEntry("processor", NORTHPAY);
        assertThat(ledgerOf(NORTHPAY)).extracting(TenantMerchantsIT::line).containsExactly(
                "charge " + north + ":" + order + ":1 acct_it_north",
                "charge " + north + ":" + refill + ":2:attempt-2 acct_it_north",
                "refund refund:" + north + ":" + order + ":1 acct_it_north");
        assertThat(ledgerOf(KEYSTONE)).extracting(TenantMerchantsIT::line).containsExactly(
                "charge " + north + ":" + order + ":2 ks_it_moved",
                "refund refund:" + north + ":" + order + ":2 ks_it_moved");
        assertThat(jdbc.queryForList("SELECT order_id || ':' || cycle || ' ' || processor FROM payments.cycle_merchant"
                + " WHERE tenant_id = ? ORDER BY pinned_at", String.class, north)).containsExactly(
                order + ":1 " + NORTHPAY, refill + ":2 " + NORTHPAY, order + ":2 " + KEYSTONE);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM payments.processed_event WHERE consumer = 'job-workers-payments'"
                + " AND tenant_id = ?", Long.class, north)).as("each tenant event applied once").isEqualTo(3);
    }

    /** Provisions the tenant as the portal does ({@code tenant.provisioned}, sequence 1) and waits for the workers. */
    private void provision(String tenant, String processor, String merchantAccount) {
        publish(rabbit, codec, tenantEvent(tenant, EventTypes.TENANT_PROVISIONED, 1, processor, merchantAccount));
        await().atMost(EVENTUALLY).until(() -> merchantOf(tenant).equals(processor + " " + merchantAccount));
    }

    private String merchantOf(String tenant) {
        return jdbc.queryForList("SELECT processor || ' ' || merchant_account FROM payments.merchant WHERE tenant_id = ?",
                String.class, tenant).stream().findFirst().orElse("");
    }

    /** Runs {@code charge-payment}; returns the variables it completed with, or none when it was declined. */
    private Map<String, Object> charge(String tenant, String order, int cycle, String token, Integer attempt) {
        Map<String, Object> variables = new LinkedHashMap<>(Map.of("cycle", cycle, "therapy", "semaglutide",
                "paymentToken", token));
        if (attempt != null) {
            variables.put("chargeAttempt", attempt);
        }
        ExternalTaskService service = mock(ExternalTaskService.class);
        chargePayment.execute(task(tenant, order, variables, null), service);
        return token.startsWith("tok_decline") ? Map.of() : completedWith(service);
    }

    private Map<String, Object> refund(String tenant, String order, int cycle) {
        ExternalTaskService service = mock(ExternalTaskService.class);
        refundPayment.execute(task(tenant, order, Map.of("cycle", cycle), null), service);
        return completedWith(service);
    }

    /** The processor's ledger lines of this test's tenants, in ledger order. */
    private List<JsonNode> ledgerOf(String processor) {
        List<JsonNode> lines = new java.util.ArrayList<>();
        ledger(simulator, "/payments/ledger").forEach(entry -> {
            String key = entry.path("idempotencyKey").asText();
            boolean ours = List.of(north, keystone).stream()
                    .anyMatch(tenant -> key.startsWith(tenant + ":") || key.startsWith("refund:" + tenant + ":"));
            if (ours && entry.path("processor").asText().equals(processor)) {
                lines.add(entry);
            }
        });
        return lines;
    }

    private static String line(JsonNode entry) {
        return entry.path("type").asText() + " " + entry.path("idempotencyKey").asText() + " "
                + entry.path("merchantAccount").asText();
    }

    /** A {@code tenant.*} event as the portal publishes it: the tenant is its subject, its sequence the tenant's. */
    private static DomainEvent tenantEvent(String tenant, String type, long sequence, String processor,
            String merchantAccount) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("tenantId", tenant);
        if (type.equals(EventTypes.TENANT_PROVISIONED)) {
            data.put("name", "IT " + tenant);
            data.put("callbackUrl", "http://127.0.0.1:9/callbacks");
            data.put("entitlements", List.of());
        }
        data.put("processor", processor);
        data.put("merchantAccount", merchantAccount);
        return new DomainEvent(UUID.randomUUID().toString(), type, PORTAL_TENANTS, tenant, tenant, sequence,
                OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS), null, data);
    }
}
