package io.orderplatform.dev;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The auto-configurations of the command side's stack (Axon, JDBC, Flyway, the command runtime). In a
 * deployment the Kafka Streams services (saga orchestrator, projection service) have none of them on
 * their class path; in dev mode every service shares one class path, so their contexts exclude them by
 * name instead.
 */
final class CommandSideAutoConfigurations {

    private static final String IMPORTS =
            "META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports";
    private static final List<String> COMMAND_SIDE = List.of(
            "org.axonframework.",
            "io.orderplatform.runtime.",
            "org.springframework.boot.jdbc.",
            "org.springframework.boot.flyway.",
            "org.springframework.boot.sql.");

    private CommandSideAutoConfigurations() {}

    static Set<String> names() {
        Set<String> names = new TreeSet<>();
        try {
            Enumeration<URL> files =
                    CommandSideAutoConfigurations.class.getClassLoader().getResources(IMPORTS);
            while (files.hasMoreElements()) {
                try (InputStream in = files.nextElement().openStream()) {
                    new String(in.readAllBytes(), StandardCharsets.UTF_8)
                            .lines()
                            .map(String::strip)
                            .filter(name -> COMMAND_SIDE.stream().anyMatch(name::startsWith))
                            .forEach(names::add);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }
}
