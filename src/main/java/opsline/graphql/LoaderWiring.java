package opsline.graphql;

import org.dataloader.DataLoaderRegistry;

/**
 * A feature's batch loaders. Each GraphQL operation gets fresh loaders, so nothing is cached
 * between requests and every request sees current data.
 */
public interface LoaderWiring {

    void register(DataLoaderRegistry registry);
}
