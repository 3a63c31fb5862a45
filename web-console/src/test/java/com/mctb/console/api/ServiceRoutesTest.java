package com.mctb.console.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.mctb.console.api.ServiceRoutes.Service;
import org.junit.jupiter.api.Test;

class ServiceRoutesTest {

    @Test
    void eachPathGoesToTheServiceWhoseReadmeListsIt() {
        assertThat(ServiceRoutes.owner("/api/accounts/glow")).contains(Service.SETTINGS);
        assertThat(ServiceRoutes.owner("/api/accounts/glow/numbers/+15557654321")).contains(Service.SETTINGS);
        assertThat(ServiceRoutes.owner("/api/accounts/glow/call-settings/effective")).contains(Service.SETTINGS);
        assertThat(ServiceRoutes.owner("/api/accounts/glow/users/dana/call-settings/greeting")).contains(Service.SETTINGS);
        assertThat(ServiceRoutes.owner("/api/accounts/glow/legacy-text-back")).contains(Service.SETTINGS);
        assertThat(ServiceRoutes.owner("/api/call-settings/rules")).contains(Service.SETTINGS);
        assertThat(ServiceRoutes.owner("/api/accounts/glow/twilio")).contains(Service.SETTINGS);
        assertThat(ServiceRoutes.owner("/api/accounts/glow/twilio/subaccount")).contains(Service.SETTINGS);
        assertThat(ServiceRoutes.owner("/api/accounts/glow/numbers/available")).contains(Service.SETTINGS);
        assertThat(ServiceRoutes.owner("/api/accounts/glow/numbers/+15557654321/configure")).contains(Service.SETTINGS);
        assertThat(ServiceRoutes.owner("/api/twilio/numbers/configure")).contains(Service.SETTINGS);

        assertThat(ServiceRoutes.owner("/api/accounts/glow/workflows")).contains(Service.WORKFLOW);
        assertThat(ServiceRoutes.owner("/api/accounts/glow/workflows/templates/missed-call-text-back"))
                .contains(Service.WORKFLOW);
        assertThat(ServiceRoutes.owner("/api/accounts/glow/contacts/42/tags")).contains(Service.WORKFLOW);
        assertThat(ServiceRoutes.owner("/api/accounts/glow/calls/CA1/journey")).contains(Service.WORKFLOW);
        assertThat(ServiceRoutes.owner("/api/accounts/glow/conversations/42/messages")).contains(Service.WORKFLOW);
        assertThat(ServiceRoutes.owner("/api/accounts/glow/business-profile")).contains(Service.WORKFLOW);
        assertThat(ServiceRoutes.owner("/api/accounts/glow/quiet-hours")).contains(Service.WORKFLOW);

        assertThat(ServiceRoutes.owner("/api/messages/segments")).contains(Service.MESSAGING);
        assertThat(ServiceRoutes.owner("/api/accounts/glow/usage")).contains(Service.MESSAGING);
        assertThat(ServiceRoutes.owner("/api/accounts/glow/messaging-limit")).contains(Service.MESSAGING);
        assertThat(ServiceRoutes.owner("/api/accounts/glow/messages")).contains(Service.MESSAGING);
        assertThat(ServiceRoutes.owner("/api/accounts/glow/recipient-countries")).contains(Service.MESSAGING);

        assertThat(ServiceRoutes.owner("/api/accounts/glow/voicemails/RE1/audio")).contains(Service.CALL_GATEWAY);
        assertThat(ServiceRoutes.owner("/api/accounts/glow/recordings")).contains(Service.CALL_GATEWAY);
        assertThat(ServiceRoutes.owner("/api/accounts/glow/recordings/RE1/audio")).contains(Service.CALL_GATEWAY);
    }

    @Test
    void aSegmentThatOnlyStartsLikeAnotherServicesStaysWithSettings() {
        assertThat(ServiceRoutes.owner("/api/accounts/glow/workflowsx")).contains(Service.SETTINGS);
        assertThat(ServiceRoutes.owner("/api/accounts/glow/call-settings")).contains(Service.SETTINGS);
    }

    @Test
    void pathsNoServiceServesAndPathsThatCouldBeReadAsAnotherAreNotPassedOn() {
        assertThat(ServiceRoutes.owner("/api/other")).isEmpty();
        assertThat(ServiceRoutes.owner("/api/twilioish")).isEmpty();
        assertThat(ServiceRoutes.owner("/api/accounts")).isEmpty();
        assertThat(ServiceRoutes.owner("/q/health")).isEmpty();
        assertThat(ServiceRoutes.owner("/api/accounts/glow/../../q/metrics")).isEmpty();
        assertThat(ServiceRoutes.owner("/api/accounts/glow/workflows/..")).isEmpty();
        assertThat(ServiceRoutes.owner("/api/accounts/glow%2Fworkflows")).isEmpty();
        assertThat(ServiceRoutes.owner("/api/accounts/glow/%2e%2e/x")).isEmpty();
        assertThat(ServiceRoutes.owner("/api/accounts//workflows")).isEmpty();
        assertThat(ServiceRoutes.owner(null)).isEmpty();
    }
}
