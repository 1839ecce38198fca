package dev.carepath.workers;

import dev.carepath.eventing.testing.RowLevelSecurityContract;
import java.util.List;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/** Row-level security on every tenant-scoped table of payments, clinical, pharmacy and notifications. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@ActiveProfiles("it")
class RowLevelSecurityIT extends RowLevelSecurityContract {

    @Override
    protected List<String> knownTenantTables() {
        return List.of("payments.charge", "clinical.prescription", "clinical.visit", "pharmacy.erx_submission",
                "payments.outbox", "clinical.processed_event", "notifications.notification_failure",
                "payments.merchant", "payments.cycle_merchant");
    }
}
