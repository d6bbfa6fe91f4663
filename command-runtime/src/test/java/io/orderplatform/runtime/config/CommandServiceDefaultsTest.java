package io.orderplatform.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** The connection pool every command service gets, as Boot binds {@code spring.datasource.hikari}. */
class CommandServiceDefaultsTest {

    @Test
    void a_request_gives_up_on_the_database_well_within_a_second_and_a_dead_connection_does_not_hang() {
        StandardEnvironment environment = new StandardEnvironment();
        new CommandServiceDefaults().postProcessEnvironment(environment, new SpringApplication());

        try (HikariDataSource pool = new HikariDataSource()) {
            Binder.get(environment).bind("spring.datasource.hikari", Bindable.ofInstance(pool));

            assertThat(pool.getConnectionTimeout()).isBetween(250L, 800L);
            assertThat(pool.getValidationTimeout()).isBetween(250L, pool.getConnectionTimeout());
            assertThat(pool.getDataSourceProperties())
                    .containsEntry("connectTimeout", "2")
                    .containsEntry("socketTimeout", "30");
        }
    }

    @Test
    void a_service_s_own_setting_wins() {
        StandardEnvironment environment = new StandardEnvironment();
        environment
                .getPropertySources()
                .addFirst(new MapPropertySource(
                        "service", Map.of("spring.datasource.hikari.connection-timeout", "5000")));
        new CommandServiceDefaults().postProcessEnvironment(environment, new SpringApplication());

        try (HikariDataSource pool = new HikariDataSource()) {
            Binder.get(environment).bind("spring.datasource.hikari", Bindable.ofInstance(pool));

            assertThat(pool.getConnectionTimeout()).isEqualTo(5000);
        }
    }
}
