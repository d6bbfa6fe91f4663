package io.orderplatform.runtime.http;

/**
 * One reason a request was refused, as listed in a problem's {@code errors}.
 *
 * @param field the JSON path of the offending input, e.g. {@code lines[0].quantity}, or a header name
 * @param message what is wrong with it
 */
public record FieldError(String field, String message) {}
