package dev.carepath.portal;

import dev.carepath.eventing.testing.RowLevelSecurityContract;
import java.util.List;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/** Row-level security on every tenant-scoped table of the portal's schemas. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("it")
class RowLevelSecurityIT extends RowLevelSecurityContract {

    @Override
    protected List<String> knownTenantTables() {
        return List.of("orders.journey_order", "read.journey", "read.journey_step", "ingress.webhook_inbox",
                "orders.outbox", "orders.cancellation_request", "callbacks.delivery", "callbacks.signing_secret");
    }
}
