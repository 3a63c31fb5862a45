package com.mctb.settings.rest;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.constraints.Pattern;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Who an incoming call is forwarded to: a phone number in E.164 or a Twilio Client identity. */
@Documented
@Constraint(validatedBy = {})
@Pattern(regexp = "^(\\+[1-9]\\d{6,14}|client:[A-Za-z0-9_.\\-]{1,64})$")
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
@jakarta.validation.ReportAsSingleViolation
public @interface ForwardTarget {

    String message() default "must be a phone number in E.164 (+15551234567) or client:identity";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
