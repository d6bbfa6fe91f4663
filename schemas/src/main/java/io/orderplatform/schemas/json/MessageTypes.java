package io.orderplatform.schemas.json;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The message types that may appear on one topic, looked up by {@code ce_type} name (to read) or by
 * record class (to write).
 *
 * @param <T> the common supertype of the topic's records
 */
public final class MessageTypes<T> {

    private final Class<T> baseType;
    private final Map<String, MessageType<? extends T>> byName = new LinkedHashMap<>();
    private final Map<Class<?>, MessageType<? extends T>> byClass = new LinkedHashMap<>();

    @SafeVarargs
    private MessageTypes(Class<T> baseType, MessageType<? extends T>... types) {
        this.baseType = baseType;
        for (MessageType<? extends T> type : types) {
            if (byName.put(type.name(), type) != null || byClass.put(type.javaType(), type) != null) {
                throw new IllegalArgumentException("type registered twice: " + type);
            }
        }
    }

    /**
     * Creates the registry of a topic's message types.
     *
     * @param baseType the common supertype, for error messages and checks
     * @param types every type the topic carries; names and classes must be unique
     * @param <T> the common supertype
     * @return an immutable registry
     */
    @SafeVarargs
    public static <T> MessageTypes<T> of(Class<T> baseType, MessageType<? extends T>... types) {
        return new MessageTypes<>(baseType, types);
    }

    /** The type registered under a {@code ce_type} name, if any. */
    public Optional<MessageType<? extends T>> byName(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /**
     * The type of a record.
     *
     * @throws IllegalArgumentException if the record's class is not registered
     */
    public MessageType<? extends T> typeOf(Object message) {
        MessageType<? extends T> type = byClass.get(message.getClass());
        if (type == null) {
            throw new IllegalArgumentException(
                    message.getClass().getName() + " is not a registered " + baseType.getSimpleName());
        }
        return type;
    }

    public Class<T> baseType() {
        return baseType;
    }

    public List<MessageType<? extends T>> all() {
        return List.copyOf(byName.values());
    }
}
