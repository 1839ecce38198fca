package dev.carepath.eventing;

import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;

/**
 * Migrates each service schema of a deployable with its own Flyway history: the eventing tables
 * ({@code db/eventing}) and the service's own migrations ({@code db/<schema>}). One history per
 * schema keeps every service movable to a database of its own.
 */
public class ServiceSchemas implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(ServiceSchemas.class);

    private final DataSource dataSource;
    private final List<String> schemas;

    public ServiceSchemas(DataSource dataSource, List<String> schemas) {
        this.dataSource = dataSource;
        this.schemas = schemas.stream().map(SchemaNames::checked).toList();
    }

    public List<String> names() {
        return schemas;
    }

    @Override
    public void afterPropertiesSet() {
        for (String schema : schemas) {
            var result = Flyway.configure()
                    .dataSource(dataSource)
                    .schemas(schema)
                    .createSchemas(true)
                    .locations("classpath:db/eventing", "classpath:db/" + schema)
                    .load()
                    .migrate();
            log.info("schema {} at version {} ({} migrations applied)",
                    schema, result.targetSchemaVersion, result.migrationsExecuted);
        }
    }
}
