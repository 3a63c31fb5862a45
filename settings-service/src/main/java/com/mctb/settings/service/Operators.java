package com.mctb.settings.service;

import com.mctb.contracts.auth.AccessTokens;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ForbiddenException;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * What only the platform's operators may do (an {@value AccessTokens#ADMIN_GROUP} token): tie an account to a Twilio
 * account, re-apply every number's configuration. A tenant's own token is refused 403, saying why. Who is an operator
 * is service-kit's {@link com.mctb.kit.auth.Operators}; this is its injectable form for settings' resources.
 */
@RequestScoped
public class Operators {

    @Inject
    JsonWebToken token;

    public boolean isOperator() {
        return com.mctb.kit.auth.Operators.isOperator(token);
    }

    public void require(String what) {
        if (!isOperator()) {
            throw new ForbiddenException(what + " is an operator's: a tenant's token may not do it");
        }
    }
}
