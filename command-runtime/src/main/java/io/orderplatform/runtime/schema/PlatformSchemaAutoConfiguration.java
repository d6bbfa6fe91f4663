package io.orderplatform.runtime.schema;

import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Migrates the {@link PlatformSchema} before anything uses the database, then lets Boot's Flyway run
 * the service's own migrations. Those find a non-empty schema (the platform's tables) on a new
 * database, so they start from an empty baseline (version 0) and apply every service script from V1.
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class, before = FlywayAutoConfiguration.class)
public class PlatformSchemaAutoConfiguration {

    @Bean
    public PlatformSchema platformSchema(DataSource dataSource) {
        return PlatformSchema.migrate(dataSource);
    }

    /** Orders the service's migrations after the platform's (by depending on them) and baselines them at 0. */
    @Bean
    public FlywayConfigurationCustomizer serviceMigrationsAfterPlatformSchema(PlatformSchema platformSchema) {
        return configuration -> configuration.baselineOnMigrate(true).baselineVersion("0");
    }
}
