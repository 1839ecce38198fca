package dev.carepath.engine;

import dev.carepath.eventing.testing.RowLevelSecurityContract;
import java.util.List;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * Row-level security on the orchestrator's tenant tables (outbox, processed_event), as the engine's application
 * role. Besides its own schema, the role may use Operaton's schema {@code engine}, where it may only read and write
 * rows (dev.carepath.engine.schema.EngineRoleIT).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("it")
class RowLevelSecurityIT extends RowLevelSecurityContract {

    @Override
    protected List<String> knownTenantTables() {
        return List.of("orchestrator.outbox", "orchestrator.processed_event");
    }

    @Override
    protected List<String> otherOwnSchemas() {
        return List.of("engine");
    }
}
