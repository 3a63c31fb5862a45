package com.mctb.messaging.sending;

import com.mctb.messaging.twilio.TwilioMessages;
import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;

/** Twilio's answers (and silences) as the SDK reports them, turned into what they mean for a text. */
final class Refusals {

    private Refusals() {
    }

    static TwilioMessages.Refused answered(int httpStatus, Integer code) {
        return TwilioMessages.Refused.of(new ApiException("Twilio said " + code, code, null, httpStatus, httpStatus,
                null, null, null));
    }

    static TwilioMessages.Refused noAnswer() {
        return TwilioMessages.Refused.of(new ApiConnectionException("read timed out", new SocketTimeoutException("Read timed out")));
    }

    static TwilioMessages.Refused noConnection() {
        return TwilioMessages.Refused.of(new ApiConnectionException("refused", new ConnectException("Connection refused")));
    }
}
