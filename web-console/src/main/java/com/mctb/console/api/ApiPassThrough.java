package com.mctb.console.api;

import com.mctb.console.api.ServiceRoutes.Service;
import com.mctb.console.config.ConsoleConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.EnumMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Passes the pages' {@code /api/**} calls on, as they are, to the service that owns each path ({@link ServiceRoutes}),
 * server-side: the browser talks to this one origin, so no service needs CORS, and the services' addresses need not be
 * reachable from a browser (inside a compose network they are not). The signed-in user's {@code Authorization} header
 * goes along untouched and each service checks it as it checks any client's; the console holds no credential of its
 * own and decides nothing about tenancy. The proxying itself is Vert.x's reverse proxy (bodies streamed both ways, so a
 * greeting upload or a voicemail's {@code Range} request passes as sent); what is ours is the path table and the
 * answer when a service cannot be reached: a problem+json naming the service, so a page can say which part is away.
 */
@ApplicationScoped
public class ApiPassThrough {

    private static final Logger LOG = Logger.getLogger(ApiPassThrough.class);

    @Inject
    ConsoleConfig config;

    @Inject
    Vertx vertx;

    private final Map<Service, SocketAddress> origins = new EnumMap<>(Service.class);

    void route(@Observes Router router) {
        origins.put(Service.SETTINGS, address(config.settingsServiceUrl()));
        origins.put(Service.WORKFLOW, address(config.workflowServiceUrl()));
        origins.put(Service.MESSAGING, address(config.messagingServiceUrl()));
        origins.put(Service.CALL_GATEWAY, address(config.callGatewayUrl()));
        HttpProxy proxy = HttpProxy.reverseProxy(vertx.createHttpClient(new HttpClientOptions()
                        .setConnectTimeout((int) config.connectTimeout().toMillis())
                        .setIdleTimeout((int) config.answerTimeout().toSeconds())
                        .setMaxPoolSize(32)
                        .setKeepAlive(true)))
                .originSelector(request -> Future.succeededFuture(origins.get(owner(request))))
                .addInterceptor(new SayWhichServiceIsAway());
        router.route("/api/*").order(-100).handler(context -> {
            HttpServerRequest request = context.request();
            if (ServiceRoutes.owner(request.path()).isEmpty()) {
                problem(request, 404, "Not Found", "no service of this product answers " + request.path());
                return;
            }
            proxy.handle(request);
        });
    }

    private static Service owner(HttpServerRequest request) {
        return ServiceRoutes.owner(request.path()).orElseThrow();
    }

    /** A service that cannot be reached or does not answer in time: 503 with its name, never a bare 502. */
    private static final class SayWhichServiceIsAway implements ProxyInterceptor {
        @Override
        public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
            return context.sendRequest().recover(failure -> {
                Service service = owner(context.request().proxiedRequest());
                LOG.warnf("%s could not be reached for %s %s: %s", service.label(), context.request().getMethod(),
                        context.request().proxiedRequest().path(), failure.toString());
                ProxyResponse response = context.request().response().release().setStatusCode(503)
                        .putHeader("Content-Type", "application/problem+json")
                        .putHeader("Retry-After", "5");
                response.setBody(Body.body(Buffer.buffer(problemJson(503, "Service Unavailable",
                        service.label() + " could not be reached"))));
                return Future.succeededFuture(response);
            });
        }
    }

    private static void problem(HttpServerRequest request, int status, String title, String detail) {
        request.response().setStatusCode(status).putHeader("Content-Type", "application/problem+json")
                .end(problemJson(status, title, detail));
    }

    private static String problemJson(int status, String title, String detail) {
        return new JsonObject().put("type", "about:blank").put("title", title).put("status", status)
                .put("detail", detail).encode();
    }

    private static SocketAddress address(String url) {
        URI uri = URI.create(url.trim());
        int port = uri.getPort() != -1 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
        if ("https".equals(uri.getScheme())) {
            // The services talk plain HTTP inside the deployment; TLS ends in front of the console.
            throw new IllegalArgumentException("the console reaches the services over plain HTTP, not " + url);
        }
        return SocketAddress.inetSocketAddress(port, uri.getHost());
    }
}
