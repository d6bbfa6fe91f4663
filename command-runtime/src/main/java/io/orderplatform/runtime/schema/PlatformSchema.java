package io.orderplatform.runtime.schema;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The tables the runtime itself needs in every command service's database (event store, tokens,
 * idempotency keys), migrated by a Flyway of their own: scripts under {@value #LOCATION}, history in
 * {@value #HISTORY_TABLE}. A service's own migrations keep Flyway's defaults ({@code db/migration},
 * {@code flyway_schema_history}), so the two version sequences are independent and can never collide,
 * and a new platform script never lands out of order in a service's history.
 *
 * <p>An instance of this class means the migration has run: whatever needs the tables depends on it.
 */
public final class PlatformSchema {

    public static final String LOCATION = "classpath:db/platform";
    public static final String HISTORY_TABLE = "platform_schema_history";

    private PlatformSchema() {}

    /** Brings the platform's tables up to date; safe to run on every start. */
    public static PlatformSchema migrate(DataSource dataSource) {
        Flyway flyway = Flyway.configure()
                .dataSource(dataSource)
                .locations(LOCATION)
                .table(HISTORY_TABLE)
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load();
        flyway.migrate();
        return new PlatformSchema();
    }
}
