package com.mctb.kit.auth;

import com.mctb.contracts.auth.AccessTokens;
import com.mctb.kit.rest.Problems;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * What only the platform's operators may do (a token in {@link AccessTokens#ADMIN_GROUP}): plan settings such as an
 * account's messaging limit. {@link AccountAccessFilter} has already scoped the call to the account; this is the
 * second gate, inside it.
 */
public final class Operators {

    private Operators() {
    }

    public static boolean isOperator(JsonWebToken token) {
        return token != null && token.getRawToken() != null && token.getGroups().contains(AccessTokens.ADMIN_GROUP);
    }

    /**
     * A 403 problem naming what needs an operator, unless {@code token} is one's.
     *
     * @param what e.g. "the monthly messaging limit"
     */
    public static Optional<Response> refuseUnlessOperator(JsonWebToken token, String what) {
        if (isOperator(token)) {
            return Optional.empty();
        }
        return Optional.of(Problems.of(Response.Status.FORBIDDEN, what + " is a plan setting: only an operator may"
                + " change it; the account's own token may read it"));
    }
}
