package io.orderplatform.schemas.inventory;

/**
 * Asks to add units to the stock of a registered product. Arrives over HTTP.
 *
 * @param sku the product's stock-keeping unit
 * @param quantity units added, at least 1
 */
public record AddStock(String sku, int quantity) implements InventoryCommand {}
