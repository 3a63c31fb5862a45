package com.mctb.twilio.standin;

import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;

/**
 * One of the stand-in's Twilio resources (or its control API): a WireMock transformer, named, that answers only the
 * stubs that name it (never applied globally).
 */
abstract class StandInResource implements ResponseDefinitionTransformerV2 {

    private final String name;

    StandInResource(String name) {
        this.name = name;
    }

    @Override
    public final String getName() {
        return name;
    }

    @Override
    public final boolean applyGlobally() {
        return false;
    }
}
