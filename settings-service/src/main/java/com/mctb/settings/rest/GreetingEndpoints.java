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
                    "no file: send the audio as a multipart/form-data part named 'file'");
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
