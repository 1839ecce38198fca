package dev.carepath.tenancy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;

/**
 * Migrates each service schema of a deployable with its own Flyway history: the migrations every schema gets (the
 * eventing module's outbox and processed events, {@code db/eventing}) and the service's own ({@code db/<schema>}).
 * One history per schema keeps every service movable to a database of its own.
 *
 * <p>With owner credentials configured ({@code carepath.events.migration.*}), the migrations run as the
 * schema owner and the deployable's own data source login is the application role: after each run,
 * {@link RowLevelSecurity} enables and forces row-level security with the tenant policy on every
 * table with a {@code tenant_id} and grants the application role its privileges on this schema only.
 * Migrations may name that role as {@code ${application_role}}. Each schema is migrated under the owner's lock
 * ({@link SchemaOwner#exclusively}): copies of a deployable starting together migrate it one after the other.
 */
public class ServiceSchemas implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(ServiceSchemas.class);

    private final DataSource dataSource;
    private final List<String> schemas;
    private final SchemaOwner.Login owner;
    private final List<String> everySchemasLocations;

    /**
     * @param schemas               the service schemas, each migrated from {@code classpath:db/<schema>}
     * @param owner                 the owner's login; null or unset: the data source's own
     * @param everySchemasLocations the Flyway locations of the migrations every schema gets before its own
     */
    public ServiceSchemas(DataSource dataSource, List<String> schemas, SchemaOwner.Login owner,
            List<String> everySchemasLocations) {
        this.dataSource = dataSource;
        this.schemas = schemas.stream().map(SchemaNames::checked).toList();
        this.owner = owner;
        this.everySchemasLocations = List.copyOf(everySchemasLocations);
    }

    public List<String> names() {
        return schemas;
    }

    @Override
    public void afterPropertiesSet() {
        SchemaOwner migrating = SchemaOwner.of(dataSource, owner);
        for (String schema : schemas) {
            List<String> locations = new ArrayList<>(everySchemasLocations);
            locations.add("classpath:db/" + schema);
            var result = migrating.exclusively(schema, () -> Flyway.configure()
                    .dataSource(migrating.dataSource())
                    .schemas(schema)
                    .createSchemas(true)
                    .locations(locations.toArray(String[]::new))
                    .placeholders(Map.of("application_role", migrating.applicationRole()))
                    .callbacks(new RowLevelSecurity(schema, migrating.separate() ? migrating.applicationRole() : null))
                    .load()
                    .migrate());
            log.info("schema {} at version {} ({} migrations applied{})", schema, result.targetSchemaVersion,
                    result.migrationsExecuted,
                    migrating.separate() ? ", as " + migrating.name() + " for " + migrating.applicationRole() : "");
        }
    }
}
