package com.mctb.console.api;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which service owns an {@code /api} path: the one piece of the pass-through that is ours (the rest is Vert.x's
 * reverse proxy). Framework-free; the table is the services' READMEs' API lists. Anything under
 * {@code /api/accounts/{id}} that no other service claims is settings-service's (the Business Profile, the Twilio account,
 * numbers and the search for available ones, users, call settings, hours, and whatever settings-service adds there).
 */
public final class ServiceRoutes {

    /** The services a page may reach. */
    public enum Service {
        SETTINGS("settings-service"), WORKFLOW("workflow-service"), MESSAGING("messaging-service"),
        CALL_GATEWAY("call-gateway");

        private final String label;

        Service(String label) {
            this.label = label;
        }

        /** The service's name as its README and the page's messages say it. */
        public String label() {
            return label;
        }
    }

    private record Route(Pattern path, Service service) {
    }

    private static final String ACCOUNT = "^/api/accounts/[^/]+";

    private static final List<Route> ROUTES = List.of(
            new Route(Pattern.compile("^/api/messages(/.*)?$"), Service.MESSAGING),
            new Route(Pattern.compile(ACCOUNT + "/(usage|messaging-limit|recipient-countries|messages)(/.*)?$"), Service.MESSAGING),
            new Route(Pattern.compile(ACCOUNT + "/(workflows|contacts|calls|conversations|business-profile|quiet-hours)(/.*)?$"),
                    Service.WORKFLOW),
            new Route(Pattern.compile(ACCOUNT + "/(voicemails|recordings)(/.*)?$"), Service.CALL_GATEWAY),
            new Route(Pattern.compile(ACCOUNT + "(/.*)?$"), Service.SETTINGS),
            new Route(Pattern.compile("^/api/call-settings/rules$"), Service.SETTINGS),
            // The platform's Twilio account (operators only: settings-service says 403 to a tenant's token).
            new Route(Pattern.compile("^/api/twilio(/.*)?$"), Service.SETTINGS));

    private ServiceRoutes() {
    }

    /**
     * The service that answers {@code path} (the request's path, without its query), or empty for a path no service
     * serves. A path with a dot segment or an encoded slash is never passed on: the service would read it as another
     * path than the one routed here.
     */
    public static Optional<Service> owner(String path) {
        if (path == null || path.contains("/../") || path.endsWith("/..") || path.contains("/./")
                || path.toLowerCase(java.util.Locale.ROOT).contains("%2f") || path.contains("%2e") || path.contains("%2E")
                || path.contains("//")) {
            return Optional.empty();
        }
        return ROUTES.stream().filter(r -> r.path().matcher(path).matches()).map(Route::service).findFirst();
    }
}
