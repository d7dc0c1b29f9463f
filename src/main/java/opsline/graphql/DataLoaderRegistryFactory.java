package opsline.graphql;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Prototype;
import org.dataloader.DataLoaderRegistry;

import java.util.List;

/** One registry per operation: micronaut-graphql asks this prototype for a new one each time. */
@Factory
public class DataLoaderRegistryFactory {

    @Prototype
    DataLoaderRegistry dataLoaderRegistry(List<LoaderWiring> loaders) {
        DataLoaderRegistry registry = new DataLoaderRegistry();
        loaders.forEach(loader -> loader.register(registry));
        return registry;
    }
}
