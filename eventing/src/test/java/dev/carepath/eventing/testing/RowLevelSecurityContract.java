package dev.carepath.eventing.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.carepath.tenancy.ServiceSchemas;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The row-level security test of a deployable: every table with a {@code tenant_id} in the service
 * schemas it migrated, found in the database catalog (so a table added later is covered, and fails if
 * unprotected), is checked with {@link TenantIsolation}. A deployable's {@code RowLevelSecurityIT}
 * extends this with its Spring Boot test context and names a few tables it knows must be found.
 */
public abstract class RowLevelSecurityContract {

    @Autowired
    protected DataSource dataSource;

    @Autowired
    protected ServiceSchemas schemas;

    /** Tables ({@code schema.table}) the catalog must list: proof that the catalog query finds tables at all. */
    protected abstract List<String> knownTenantTables();

    /** Schemas besides the migrated ones that the role may use (the engine's Operaton schema). */
    protected List<String> otherOwnSchemas() {
        return List.of();
    }

    @TestFactory
    Stream<DynamicTest> everyTenantTableKeepsTenantsApart() {
        TenantIsolation isolation = new TenantIsolation(dataSource);
        List<String> tables = isolation.tenantTables(schemas.names());
        assertThat(tables).containsAll(knownTenantTables());
        return tables.stream().map(table -> dynamicTest(table, () -> {
            isolation.assertProtected(table);
            isolation.assertIsolated(table);
        }));
    }

    @Test
    void theApplicationRoleMayUseItsOwnSchemasOnly() {
        List<String> own = new ArrayList<>(schemas.names());
        own.addAll(otherOwnSchemas());
        new TenantIsolation(dataSource).assertOwnSchemasOnly(own);
    }
}
