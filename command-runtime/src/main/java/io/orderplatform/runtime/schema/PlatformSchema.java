package io.orderplatform.runtime.schema;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The tables the runtime itself needs in every command service's database (event store, tokens,
 * idempotency keys), migrated by a Flyway of their own: scripts under {@value #LOCATION}, history in
 * {@value #HISTORY_TABLE}. A service's own migrations keep Flyway's defaults ({@code db/migration},
 * {@code flyway_schema_history}), so the two version sequences are independent and can never collide,
 * and a new platform script never lands out of order in a service's history.
 */
public final class PlatformSchema {

    public static final String LOCATION = "classpath:db/platform";
    public static final String HISTORY_TABLE = "platform_schema_history";

    private final MigrateResult result;

    private PlatformSchema(MigrateResult result) {
        this.result = result;
    }

    /** Brings the platform's tables up to date; safe to run on every start. */
    public static PlatformSchema migrate(DataSource dataSource) {
        Flyway flyway = Flyway.configure()
                .dataSource(dataSource)
                .locations(LOCATION)
                .table(HISTORY_TABLE)
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load();
        return new PlatformSchema(flyway.migrate());
    }

    /** The platform schema version now in the database. */
    public String version() {
        return result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
    }
}
