package com.mctb.kit.auth;

import com.mctb.contracts.auth.AccessTokens;
import com.mctb.kit.rest.Problems;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Scopes every {@code /api/accounts/{accountId}/**} call to one account: the caller's token (already verified by
 * SmallRye JWT; /api requires one) must name that account, or be an operator's. Another account's token gets 403,
 * before any data is read, so it cannot tell which accounts exist either.
 */
public class AccountAccessFilter {

    private static final Pattern ACCOUNT_PATH = Pattern.compile("^/api/accounts/([^/]+)(/.*)?$");

    @Inject
    JsonWebToken token;

    @ServerRequestFilter
    public Optional<Response> checkAccount(UriInfo uri) {
        Matcher matcher = ACCOUNT_PATH.matcher(uri.getPath());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        String accountId = matcher.group(1);
        if (token == null || token.getRawToken() == null) {
            return Optional.of(Problems.of(Response.Status.UNAUTHORIZED, "a bearer token is required"));
        }
        if (token.getGroups().contains(AccessTokens.ADMIN_GROUP)
                || accountId.equals(token.getClaim(AccessTokens.ACCOUNT_CLAIM))) {
            return Optional.empty();
        }
        return Optional.of(Problems.of(Response.Status.FORBIDDEN, "this credential is not for account " + accountId));
    }
}
