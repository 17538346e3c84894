package io.caravan.config;

import io.caravan.ingest.SourceAcls;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;

/**
 * Binds every Caravan bean into the Camel registry under the name the routes use: the {@code caravan.*} keys are read
 * once into {@link CaravanSettings}, then each area binds its beans from its settings and the shared core.
 */
public class CaravanConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) throws Exception {
        CaravanSettings settings = CaravanSettings.read(new Settings(context.getPropertiesComponent()));
        context.getRegistry().bind(CaravanSettings.BEAN, settings);

        // first: the tracer's route policy and the MDC's processor wrapping apply to routes built after them
        TracingBeans.bind(context, settings.tracing());
        LogContextBeans.bind(context, settings.log());
        CoreBeans core = CoreBeans.bind(context, settings);
        ClusterBeans.bind(context, settings.cluster());
        SourceAcls acls = SourceBeans.bind(context.getRegistry(), settings.sources(), settings.ingest().maxFileSize(),
                core);
        IngestBeans.bind(context, settings.ingest(), settings.ocr(), core, acls);
        AnswerBeans.bind(context.getRegistry(), settings, core);
        AuthBeans.Auth auth = AuthBeans.bind(context, settings.auth(), core);
        ChannelBeans.bind(context, settings, core, auth);
    }
}
