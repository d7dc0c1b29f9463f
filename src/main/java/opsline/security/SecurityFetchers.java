package opsline.security;

import graphql.schema.idl.RuntimeWiring;
import jakarta.inject.Singleton;
import opsline.graphql.Input;
import opsline.graphql.Payloads;
import opsline.graphql.SchemaWiring;
import opsline.validation.Outcome;
import org.dataloader.DataLoader;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static opsline.graphql.ViewerContext.of;

/** The viewer, users and API tokens in the API. */
@Singleton
class SecurityFetchers implements SchemaWiring {

    private final Accounts accounts;

    SecurityFetchers(Accounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public void wire(RuntimeWiring.Builder wiring) {
        wiring.type("Query", type -> type
                .dataFetcher("viewer", env -> of(env))
                .dataFetcher("users", env -> accounts.users(of(env))));
        wiring.type("Viewer", type -> type
                .dataFetcher("anonymous", env -> env.<Viewer>getSource().isAnonymous())
                .dataFetcher("user", env -> accounts.self(env.getSource()).orElse(null)));
        wiring.type("User", type -> type
                .dataFetcher("tokens", env -> {
                    DataLoader<UUID, List<ApiToken>> loader = env.getDataLoader(SecurityLoaders.TOKENS);
                    return loader.load(env.<User>getSource().id()).thenApply(found -> found == null ? List.of() : found);
                }));
        wiring.type("ApiToken", type -> type
                .dataFetcher("user", env -> {
                    DataLoader<UUID, User> loader = env.getDataLoader(SecurityLoaders.USERS);
                    return loader.load(env.<ApiToken>getSource().userId());
                }));
        wiring.type("Mutation", type -> type
                .dataFetcher("createUser", env -> {
                    Input input = Input.of(env);
                    return Payloads.of("user", accounts.createUser(of(env), input.string("name"), input.enumValue("role", Role.class)));
                })
                .dataFetcher("updateUser", env -> {
                    Input input = Input.of(env);
                    return Payloads.of("user", accounts.changeRole(of(env), input.string("user"), input.enumValue("role", Role.class)));
                })
                .dataFetcher("deactivateUser", env -> Payloads.of("user", accounts.deactivate(of(env), Input.of(env).string("user"))))
                .dataFetcher("setUserPassword", env -> {
                    Input input = Input.of(env);
                    return Payloads.of("user", accounts.setPassword(of(env), input.string("user"), input.string("password")));
                })
                .dataFetcher("createApiToken", env -> {
                    Input input = Input.of(env);
                    Outcome<IssuedToken> issued = accounts.issueToken(of(env), input.string("user"), input.string("name"),
                            input.enumValue("role", Role.class));
                    Map<String, Object> payload = Payloads.of("token", issued);
                    payload.put("token", issued.isOk() ? issued.value().token() : null);
                    payload.put("secret", issued.isOk() ? issued.value().secret() : null);
                    return payload;
                })
                .dataFetcher("revokeApiToken", env -> Payloads.of("token",
                        accounts.revokeToken(of(env), Input.of(env).string("id")))));
    }
}
