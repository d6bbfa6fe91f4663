package io.orderplatform.inventory.domain;

/** A product as a command left it: its SKU and version (the number of its events). */
public record ProductState(String sku, long version) {}
