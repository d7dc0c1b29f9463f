package opsline.statuspage;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.IExpressionContext;
import org.thymeleaf.dialect.AbstractDialect;
import org.thymeleaf.dialect.IExpressionObjectDialect;
import org.thymeleaf.expression.IExpressionObjectFactory;

import java.util.Set;

/** Makes {@link ViewHelpers} available to every template as {@code #view}. */
@Singleton
class ViewDialect extends AbstractDialect implements IExpressionObjectDialect, BeanCreatedEventListener<TemplateEngine> {

    private static final String NAME = "view";
    private static final ViewHelpers HELPERS = new ViewHelpers();

    ViewDialect() {
        super("opsline-view");
    }

    @Override
    public TemplateEngine onCreated(BeanCreatedEvent<TemplateEngine> event) {
        event.getBean().addDialect(this);
        return event.getBean();
    }

    @Override
    public IExpressionObjectFactory getExpressionObjectFactory() {
        return new IExpressionObjectFactory() {
            @Override
            public Set<String> getAllExpressionObjectNames() {
                return Set.of(NAME);
            }

            @Override
            public Object buildObject(IExpressionContext context, String expressionObjectName) {
                return HELPERS;
            }

            @Override
            public boolean isCacheable(String expressionObjectName) {
                return true;
            }
        };
    }
}
