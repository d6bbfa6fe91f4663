package io.orderplatform.inventory.adapter.http;

import io.orderplatform.inventory.application.InventoryCommands;
import io.orderplatform.inventory.domain.ProductState;
import io.orderplatform.inventory.domain.StaleProductVersion;
import io.orderplatform.runtime.axon.CommandOrigin;
import io.orderplatform.runtime.http.CommandResponse;
import io.orderplatform.runtime.http.IdempotentCommands;
import io.orderplatform.runtime.http.IfMatch;
import io.orderplatform.schemas.inventory.AddStock;
import io.orderplatform.schemas.inventory.RegisterProduct;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * HTTP commands for products. Bodies are read as text and checked strictly, so that every input rule
 * answers with a field-level problem and nothing is written on refusal.
 */
@RestController
public class ProductController {

    private final InventoryCommands inventory;
    private final IdempotentCommands idempotent;

    public ProductController(InventoryCommands inventory, IdempotentCommands idempotent) {
        this.inventory = inventory;
        this.idempotent = idempotent;
    }

    @Operation(
            summary = "Register a product with its initial stock",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = @Content(schema = @Schema(implementation = RegisterProductRequest.class))))
    @PostMapping(
            path = "/products",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<String> register(
            @RequestBody String body,
            @RequestHeader(name = IdempotentCommands.KEY_HEADER, required = false) String idempotencyKey,
            @Parameter(hidden = true) CommandOrigin origin) {
        RegisterProduct command = ProductRequestReader.registration(body);
        return idempotent.execute(
                idempotencyKey,
                "POST",
                "/products",
                body,
                () -> answer(HttpStatus.CREATED, inventory.register(command, origin), origin));
    }

    @Operation(
            summary = "Add units to a product's stock",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = @Content(schema = @Schema(implementation = RestockRequest.class))))
    @PostMapping(
            path = "/products/{sku}/restock",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<String> restock(
            @PathVariable String sku,
            @RequestBody String body,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestHeader(name = IdempotentCommands.KEY_HEADER, required = false) String idempotencyKey,
            @Parameter(hidden = true) CommandOrigin origin) {
        AddStock command = ProductRequestReader.restock(sku, body);
        Long expectedVersion = IfMatch.expectedVersion(ifMatch);
        return idempotent.execute(
                idempotencyKey,
                "POST",
                "/products/" + sku + "/restock",
                (ifMatch == null ? "" : ifMatch) + "\n" + body,
                () -> answer(HttpStatus.ACCEPTED, inventory.restock(command, expectedVersion, origin), origin),
                ProductController::checkedAgainstAStaleCopy);
    }

    /**
     * An If-Match naming a later version than the product was found at: the instance's cached copy was
     * behind another instance's change (the failed attempt dropped it), so the restock runs again on the
     * product as stored; a stale If-Match is still refused, 412.
     */
    static boolean checkedAgainstAStaleCopy(Throwable failure) {
        return failure instanceof StaleProductVersion stale && stale.expectsALaterVersion();
    }

    private static CommandResponse answer(HttpStatus status, ProductState state, CommandOrigin origin) {
        return CommandResponse.of(
                status,
                "/products/" + state.sku(),
                state.version(),
                origin,
                new ProductAccepted(state.sku(), state.version()));
    }

    /** The answer to an accepted product command. */
    record ProductAccepted(String sku, long version) {}

    /** Documentation of the {@code POST /products} body; the reader enforces it. */
    record RegisterProductRequest(
            @Schema(example = "SKU-1", pattern = "[A-Za-z0-9._-]{1,64}")
            String sku,

            @Schema(example = "Blue mug", minLength = 1, maxLength = 200)
            String name,

            @Schema(minimum = "0", maximum = "1000000000") int initialQuantity) {}

    /** Documentation of the restock body. */
    record RestockRequest(
            @Schema(minimum = "1", maximum = "1000000") int quantity) {}
}
