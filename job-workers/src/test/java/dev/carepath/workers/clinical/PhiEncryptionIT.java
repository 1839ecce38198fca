package dev.carepath.workers.clinical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.carepath.connectors.telehealth.PrescriptionDetails;
import dev.carepath.eventing.testing.TestDatabase;
import dev.carepath.tenancy.TenantTransactions;
import dev.carepath.workers.clinical.api.Prescription;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * PHI field encryption on the real clinical schema: values are stored sealed with the tenant's key (its
 * id in each ciphertext), bound to their row and tenant, every read is audited, and rotating a tenant's
 * key leaves old rows readable while new rows use the new key.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@ActiveProfiles("it")
class PhiEncryptionIT {

    private static final String MEDICATION = "Semaglutide sentinel-" + UUID.randomUUID();
    private static final String DIRECTIONS = "Inject weekly, sentinel-" + UUID.randomUUID();

    @Autowired PhiCipher cipher;
    @Autowired PrescriptionStore prescriptions;
    @Autowired TenantTransactions tenants;

    private final String tenant = "phi-" + UUID.randomUUID().toString().substring(0, 8);
    private JdbcTemplate inspector;

    @Autowired
    void inspect(DataSource dataSource) {
        inspector = TestDatabase.superuser(dataSource);
    }

    private String record(String orderId) {
        return prescriptions.record(tenant, orderId, 1, new PrescriptionDetails("meridian-health",
                "visit-" + UUID.randomUUID(), MEDICATION, "0.25", 4, DIRECTIONS, "1234567893"));
    }

    private byte[] storedDetails(String rxId) {
        return inspector.queryForObject("SELECT details FROM clinical.prescription WHERE rx_id = ?::uuid",
                byte[].class, rxId);
    }

    @Test
    void afterRotationOldRowsStillOpenAndNewRowsUseTheNewKey() {
        String before = record(UUID.randomUUID().toString());
        int firstKey = tenants.call(tenant, () -> cipher.primaryKeyId(tenant));

        int secondKey = tenants.call(tenant, () -> cipher.rotate(tenant));
        String after = record(UUID.randomUUID().toString());

        assertThat(secondKey).isNotEqualTo(firstKey);
        assertThat(PhiCipher.keyIdOf(storedDetails(before))).isEqualTo(firstKey);
        assertThat(PhiCipher.keyIdOf(storedDetails(after))).isEqualTo(secondKey);
        for (String rxId : List.of(before, after)) {
            Prescription rx = prescriptions.forTransmission(tenant, rxId);
            assertThat(rx.medication()).isEqualTo(MEDICATION);
            assertThat(rx.directions()).isEqualTo(DIRECTIONS);
            assertThat(rx.doseMg()).isEqualTo("0.25");
        }
    }

    @Test
    void theClinicalTableHoldsCiphertextOnly() {
        String rxId = record(UUID.randomUUID().toString());

        String row = inspector.queryForObject("SELECT row_to_json(p)::text FROM clinical.prescription p"
                + " WHERE rx_id = ?::uuid", String.class, rxId);
        byte[] details = storedDetails(rxId);
        assertThat(row).doesNotContain(MEDICATION, DIRECTIONS, "Semaglutide", "Inject weekly");
        assertThat(new String(details, StandardCharsets.ISO_8859_1)).doesNotContain("sentinel");
        String keyset = inspector.queryForObject("SELECT keyset FROM clinical.tenant_data_key WHERE tenant_id = ?",
                String.class, tenant);
        // Key material only inside encryptedKeyset; the clear part lists key ids and types, never a key value.
        assertThat(keyset).contains("encryptedKeyset").doesNotContain("keyData", "\"value\"");
    }

    @Test
    void aSealedValueOpensOnlyForItsTenantAndRow() {
        String other = "phi-" + UUID.randomUUID().toString().substring(0, 8);
        byte[] sealed = tenants.call(tenant, () -> cipher.seal(tenant, "sentinel", "clinical.prescription/1"));

        assertThat(tenants.call(tenant, () -> cipher.open(tenant, sealed, "clinical.prescription/1")))
                .isEqualTo("sentinel");
        assertThatThrownBy(() -> tenants.call(tenant, () -> cipher.open(tenant, sealed, "clinical.prescription/2")))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> tenants.call(other, () -> cipher.open(other, sealed, "clinical.prescription/1")))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void everyReadIsAudited() {
        String orderId = UUID.randomUUID().toString();
        String rxId = record(orderId);

        prescriptions.forTransmission(tenant, rxId);
        prescriptions.open(tenant, rxId, "agent-test", "agent-request");

        List<String> audit = inspector.queryForList("SELECT envelope->'data'->>'accessor' || '/'"
                + " || (envelope->'data'->>'purpose') FROM clinical.outbox WHERE aggregate_id = ?"
                + " AND event_type = 'clinical.phi-accessed' ORDER BY id", String.class, orderId);
        assertThat(audit).containsExactly("job-workers/submit-erx/erx-transmission", "agent-test/agent-request");
        String events = String.join("\n", inspector.queryForList("SELECT envelope::text FROM clinical.outbox"
                + " WHERE aggregate_id = ?", String.class, orderId));
        assertThat(events).doesNotContain(MEDICATION, DIRECTIONS);
    }
}
