package io.orderplatform.streams.query;

/**
 * A view as JSON, as some copy of it answered.
 *
 * @param json the view
 * @param version its version (the {@code ETag}); 0 for views without one
 * @param lag records the copy may be behind (a standby, or an active copy not yet running); null if it
 *     is the running active copy
 */
public record ViewAnswer(byte[] json, long version, Long lag) {}
