package com.mctb.kit.rest;

import com.mctb.contracts.json.EventSchemas;
import io.quarkus.runtime.StartupEvent;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Serves the AsyncAPI document of our topics at {@code /q/asyncapi} (YAML), as the contracts jar carries it: every
 * service publishes the same document, generated from the event records (see contracts' README). Its schemas are
 * compiled at start, so the first record a consumer checks does not pay for it.
 */
@ApplicationScoped
public class AsyncApiRoute {

    public static final String PATH = "/q/asyncapi";

    void route(@Observes Router router) {
        router.get(PATH).handler(request -> request.response()
                .putHeader("Content-Type", "application/yaml; charset=utf-8")
                .end(EventSchemas.published().document()));
    }

    void compileSchemas(@Observes StartupEvent start) {
        EventSchemas.published();
    }
}
