package io.orderplatform.schemas.json;

import java.net.URI;
import java.util.Objects;

/**
 * A named, versioned message type on a topic: the value of the {@code ce_type} header, the Java
 * record it maps to, and the JSON Schema that describes it.
 *
 * @param name the CloudEvents type, e.g. {@code orders.OrderPlaced.v1}; a breaking change gets a new
 *     version suffix
 * @param javaType the record that carries the data
 * @param <T> the record type
 */
public record MessageType<T>(String name, Class<T> javaType) {

    /** Base URI of the published JSON Schemas; {@code ce_dataschema} points below it. */
    public static final String SCHEMA_BASE_URI = "https://orderplatform.io/schemas/";

    public MessageType {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(javaType, "javaType");
        if (!name.matches("[a-z]+\\.[A-Z][A-Za-z]+\\.v[1-9][0-9]*")) {
            throw new IllegalArgumentException("type name must look like 'orders.OrderPlaced.v1': " + name);
        }
    }

    /** The identifier of this type's JSON Schema, sent as {@code ce_dataschema}. */
    public URI schemaUri() {
        return URI.create(SCHEMA_BASE_URI + name + ".json");
    }

    /** Where this type's JSON Schema lives on the classpath of the {@code schemas} module. */
    public String schemaResource() {
        return "/schemas/" + name + ".json";
    }
}
