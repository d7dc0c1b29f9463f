package opsline.security;

import jakarta.inject.Singleton;
import opsline.graphql.LoaderWiring;
import org.dataloader.DataLoaderFactory;
import org.dataloader.DataLoaderRegistry;
import org.dataloader.MappedBatchLoader;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Users behind tokens and tokens of users, one query per field per operation. */
@Singleton
class SecurityLoaders implements LoaderWiring {

    static final String USERS = "security.users";
    static final String TOKENS = "security.tokens";

    private final Accounts accounts;

    SecurityLoaders(Accounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public void register(DataLoaderRegistry registry) {
        MappedBatchLoader<UUID, User> users = ids -> CompletableFuture.completedFuture(
                accounts.usersById(ids).stream().collect(Collectors.toMap(User::id, Function.identity())));
        MappedBatchLoader<UUID, List<ApiToken>> tokens = ids -> CompletableFuture.completedFuture(
                accounts.tokensOf(ids).stream().collect(Collectors.groupingBy(ApiToken::userId)));
        registry.register(USERS, DataLoaderFactory.newMappedDataLoader(users));
        registry.register(TOKENS, DataLoaderFactory.newMappedDataLoader(tokens));
    }
}
