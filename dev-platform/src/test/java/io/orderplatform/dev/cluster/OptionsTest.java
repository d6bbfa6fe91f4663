package io.orderplatform.dev.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OptionsTest {

    @Test
    void reads_positional_values_named_options_and_passes_on_what_follows_a_double_dash() {
        Options options = Options.parse(
                new String[] {"order-command", "--port", "8181", "--", "--server.tomcat.threads.max=64"}, "usage");

        assertThat(options.positional(0, "service")).isEqualTo("order-command");
        assertThat(options.number("port")).isEqualTo(8181);
        assertThat(options.optional("advertised-host", "localhost")).isEqualTo("localhost");
        assertThat(options.passedOn()).containsExactly("--server.tomcat.threads.max=64");
    }

    @Test
    void names_what_is_missing_or_malformed_with_the_usage() {
        Options options = Options.parse(new String[] {"--port", "eighty"}, "service <name> --port <port>");

        assertThatThrownBy(() -> options.required("kafka"))
                .hasMessageContaining("missing --kafka")
                .hasMessageContaining("usage: service <name> --port <port>");
        assertThatThrownBy(() -> options.number("port")).hasMessageContaining("port must be a number, not eighty");
        assertThatThrownBy(() -> options.positional(0, "service")).hasMessageContaining("missing service");
        assertThatThrownBy(() -> Options.parse(new String[] {"--port"}, "usage"))
                .hasMessageContaining("--port needs a value");
    }
}
