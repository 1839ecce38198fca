package dev.carepath.engine;

import dev.carepath.eventing.testing.RowLevelSecurityContract;
import java.util.List;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * Row-level security on the orchestrator's tenant tables (outbox, processed_event). The engine still logs in
 * as its schemas' owner (Operaton creates its tables in schema {@code engine} at start; ADR 6), so the
 * "not the owner" checks are left out; FORCE holds the owner to the tenant policy, which the isolation
 * checks prove.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("it")
class RowLevelSecurityIT extends RowLevelSecurityContract {

    @Override
    protected List<String> knownTenantTables() {
        return List.of("orchestrator.outbox", "orchestrator.processed_event");
    }

    @Override
    protected boolean runsAsOwner() {
        return true;
    }

    @Override
    protected List<String> otherOwnSchemas() {
        return List.of("engine");
    }
}
