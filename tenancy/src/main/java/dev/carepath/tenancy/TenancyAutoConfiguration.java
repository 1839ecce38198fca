package dev.carepath.tenancy;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Wires {@link TenantTransactions}, the one way a deployable opens a tenant's transaction. The service schemas are
 * migrated by {@link ServiceSchemas}, which the eventing module wires with its own migrations for every schema.
 */
@AutoConfiguration(after = {JdbcTemplateAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class})
public class TenancyAutoConfiguration {

    @Bean
    TenantTransactions tenantTransactions(PlatformTransactionManager transactions, JdbcTemplate jdbc) {
        return new TenantTransactions(new TransactionTemplate(transactions), jdbc);
    }
}
