package opsline.graphql;

import graphql.analysis.FieldComplexityCalculator;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.AbortExecutionException;
import graphql.execution.instrumentation.Instrumentation;

import java.util.List;

/** The depth and complexity guards, answering with errors that say which limit was hit and how to stay under it. */
final class QueryLimits {

    private QueryLimits() {
    }

    static List<Instrumentation> instrumentations(GraphQLLimits limits) {
        return List.of(new DepthLimit(limits.maxDepth()), new ComplexityLimit(limits.maxComplexity()));
    }

    /** A field costs one plus its selections, times the page size when it is a connection with {@code first}. */
    private static final FieldComplexityCalculator PAGE_AWARE = (environment, childComplexity) -> {
        Object first = environment.getArguments().get("first");
        int pageSize = first instanceof Integer size ? Math.max(size, 1) : 1;
        return (1 + childComplexity) * pageSize;
    };

    private static final class DepthLimit extends MaxQueryDepthInstrumentation {

        DepthLimit(int maxDepth) {
            super(maxDepth);
        }

        @Override
        protected AbortExecutionException mkAbortException(int depth, int maxDepth) {
            return new AbortExecutionException("The query nests fields " + depth + " deep; the limit is " + maxDepth
                    + ". Split it into several queries.");
        }
    }

    private static final class ComplexityLimit extends MaxQueryComplexityInstrumentation {

        ComplexityLimit(int maxComplexity) {
            super(maxComplexity, PAGE_AWARE);
        }

        @Override
        protected AbortExecutionException mkAbortException(int complexity, int maxComplexity) {
            return new AbortExecutionException("The query's complexity is " + complexity + "; the limit is " + maxComplexity
                    + ". Ask for smaller pages ('first') or fewer fields.");
        }
    }
}
