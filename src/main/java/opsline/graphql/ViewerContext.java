package opsline.graphql;

import graphql.GraphQLContext;
import graphql.schema.DataFetchingEnvironment;
import opsline.security.Viewer;

/** Where the engine keeps the request's viewer, for every fetcher to hand to the domain. */
public final class ViewerContext {

    private ViewerContext() {
    }

    public static Viewer of(DataFetchingEnvironment environment) {
        return of(environment.getGraphQlContext());
    }

    public static Viewer of(GraphQLContext context) {
        Viewer viewer = context.get(Viewer.class);
        if (viewer == null) {
            throw new IllegalStateException("no viewer in the GraphQL context: the operation did not run through GraphQLInvocation");
        }
        return viewer;
    }
}
