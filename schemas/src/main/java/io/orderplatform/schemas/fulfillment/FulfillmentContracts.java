package io.orderplatform.schemas.fulfillment;

import io.orderplatform.schemas.json.MessageType;
import io.orderplatform.schemas.json.MessageTypes;

/** The message types of {@code fulfillment.replies}. */
public final class FulfillmentContracts {

    public static final MessageType<CommandReply> COMMAND_REPLY =
            new MessageType<>("fulfillment.CommandReply.v1", CommandReply.class);

    public static final MessageTypes<CommandReply> REPLIES = MessageTypes.of(CommandReply.class, COMMAND_REPLY);

    private FulfillmentContracts() {}
}
