package opsline.statuspage;

import java.time.Instant;

/**
 * A rendered status page, ready to send.
 *
 * @param generation the change count it reflects; a newer count means it is stale
 */
record RenderedPage(byte[] body, String etag, long generation, Instant renderedAt) {
}
