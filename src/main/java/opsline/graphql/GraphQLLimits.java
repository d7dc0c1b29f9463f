package opsline.graphql;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Min;

/**
 * Bounds on what one GraphQL request may ask for.
 *
 * @param maxDepth          deepest field nesting
 * @param maxComplexity     fields counted across the operation, each list multiplied by its {@code first}
 * @param maxDocumentLength characters in the query document
 */
@ConfigurationProperties("opsline.graphql")
public record GraphQLLimits(
        @Bindable(defaultValue = "15") @Min(1) int maxDepth,
        @Bindable(defaultValue = "20000") @Min(1) int maxComplexity,
        @Bindable(defaultValue = "100000") @Min(1) int maxDocumentLength) {
}
