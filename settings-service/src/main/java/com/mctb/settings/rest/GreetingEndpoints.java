package com.mctb.settings.rest;

import com.mctb.settings.domain.AudioPurpose;
import com.mctb.settings.domain.CustomGreeting;
import com.mctb.settings.domain.SettingsLevel;
import com.mctb.settings.domain.audio.AudioRefusal;
import com.mctb.settings.domain.audio.AudioRefusedException;
import com.mctb.settings.messaging.SettingsPublisher;
import com.mctb.settings.service.GreetingService;
import com.mctb.settings.service.Level;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * Upload, preview and removal of a level's greeting, shared by the account, user and number resources, and of its
 * recording consent audio (the same checks and storage: {@link AudioPurpose}).
 */
@ApplicationScoped
public class GreetingEndpoints {

    /** The OpenAPI description of a consent audio's 400: every file that cannot be played to a caller. */
    static final String CONSENT_NOT_USABLE = "not usable audio, naming the field `file` with the reason: neither MP3 "
            + "nor PCM WAV, an encoding that is not accepted (MP2, float or μ-law WAV…), truncated, silent or empty, "
            + "longer than 3 minutes, or no part named 'file'; nothing is stored";
    /** The OpenAPI description of a consent audio's 413: the transport's limit, not a judgement of the audio. */
    static final String CONSENT_TOO_LARGE = "larger than 10 MB: the request body limit (a body declaring more than "
            + "10 MB + 64 KiB is refused from its Content-Length before it is read), naming `file`; nothing is stored";

    @Inject
    GreetingService greetings;

    @Inject
    SettingsPublisher publisher;

    Response upload(String accountId, Level level, FileUpload file) {
        return upload(accountId, level, AudioPurpose.GREETING, file);
    }

    Response upload(String accountId, Level level, AudioPurpose purpose, FileUpload file) {
        if (file == null) {
            greetings.refused(AudioRefusal.EMPTY);
            throw new AudioRefusedException(AudioRefusal.EMPTY,
                    "no file: send the audio as a multipart/form-data part named 'file'", purpose);
        }
        GreetingService.Stored stored = greetings.upload(accountId, level, purpose, file.uploadedFile(),
                file.size());
        return Response.status(stored.replaced() ? Response.Status.OK : Response.Status.CREATED)
                .entity(view(accountId, level, purpose, stored.greeting().toCustomGreeting()))
                .build();
    }

    Response preview(String accountId, Level level, String range, String ifRange, String ifNoneMatch) {
        return preview(accountId, level, AudioPurpose.GREETING, range, ifRange, ifNoneMatch);
    }

    Response preview(String accountId, Level level, AudioPurpose purpose, String range, String ifRange,
            String ifNoneMatch) {
        return AudioResponses.serve(() -> greetings.at(accountId, level, purpose), greetings, range, ifRange, ifNoneMatch,
                "private, no-cache");
    }

    Response remove(String accountId, Level level) {
        return remove(accountId, level, AudioPurpose.GREETING);
    }

    Response remove(String accountId, Level level, AudioPurpose purpose) {
        greetings.remove(accountId, level, purpose);
        return Response.noContent().build();
    }

    GreetingResponse view(String accountId, Level level, CustomGreeting greeting) {
        return view(accountId, level, AudioPurpose.GREETING, greeting);
    }

    GreetingResponse view(String accountId, Level level, AudioPurpose purpose, CustomGreeting greeting) {
        if (greeting == null) {
            return null;
        }
        return new GreetingResponse(level.level().name(), greeting.format().name(), greeting.format().contentType(),
                greeting.sizeBytes(), greeting.durationMillis() / 1000.0, greeting.uploadedAt(),
                previewPath(accountId, level, purpose), publisher.greetingUrl(greeting));
    }

    static String previewPath(String accountId, Level level) {
        return previewPath(accountId, level, AudioPurpose.GREETING);
    }

    static String previewPath(String accountId, Level level, AudioPurpose purpose) {
        String base = "/api/accounts/" + accountId;
        return switch (level.level()) {
            case USER -> base + "/users/" + level.ref() + "/call-settings/" + purpose.path();
            case NUMBER -> base + "/numbers/" + level.ref() + "/call-settings/" + purpose.path();
            case ACCOUNT, SYSTEM -> base + "/call-settings/" + purpose.path();
        };
    }

    static Level levelOf(SettingsLevel source, String number, String userId) {
        return switch (source) {
            case NUMBER -> Level.number(number);
            case USER -> Level.user(userId);
            case ACCOUNT, SYSTEM -> Level.account();
        };
    }
}
