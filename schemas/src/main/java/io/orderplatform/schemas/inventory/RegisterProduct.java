package io.orderplatform.schemas.inventory;

/**
 * Asks to register a new product with its initial stock. Arrives over HTTP; the command service has
 * already checked the input rules.
 *
 * @param sku the product's stock-keeping unit, unique
 * @param name the product's display name
 * @param initialQuantity units in stock from the start, at least 0
 */
public record RegisterProduct(String sku, String name, int initialQuantity) implements InventoryCommand {}
