package com.mctb.kit.twilio;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A Twilio webhook endpoint: {@link TwilioSignatureFilter} checks its X-Twilio-Signature, and that it comes from the
 * Twilio account that holds the number it is about (found by the service's {@link TwilioNumberHolders}), before the
 * method runs. Put it on a resource class to cover every method of it, or on single methods.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface TwilioSigned {
}
