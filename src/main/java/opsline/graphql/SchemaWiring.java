package opsline.graphql;

import graphql.schema.idl.RuntimeWiring;

/**
 * A feature's data fetchers for the types and fields of {@code schema.graphqls} it owns. Every bean of
 * this type is applied when the engine is built.
 */
public interface SchemaWiring {

    void wire(RuntimeWiring.Builder wiring);
}
