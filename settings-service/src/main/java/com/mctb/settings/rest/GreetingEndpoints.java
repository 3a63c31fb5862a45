package com.mctb.settings.rest;

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

/** Upload, preview and removal of a level's greeting, shared by the account, user and number resources. */
@ApplicationScoped
public class GreetingEndpoints {

    @Inject
    GreetingService greetings;

    @Inject
    SettingsPublisher publisher;

    Response upload(String accountId, Level level, FileUpload file) {
        if (file == null) {
            greetings.refused(AudioRefusal.EMPTY);
            throw new AudioRefusedException(AudioRefusal.EMPTY,
                    "no file: send the audio as a multipart/form-data part named 'file'");
        }
        GreetingService.Stored stored = greetings.upload(accountId, level, file.uploadedFile(), file.size());
        return Response.status(stored.replaced() ? Response.Status.OK : Response.Status.CREATED)
                .entity(view(accountId, level, stored.greeting().toCustomGreeting()))
                .build();
    }

    Response preview(String accountId, Level level, String range, String ifRange, String ifNoneMatch) {
        return AudioResponses.serve(() -> greetings.at(accountId, level), greetings, range, ifRange, ifNoneMatch,
                "private, no-cache");
    }

    Response remove(String accountId, Level level) {
        greetings.remove(accountId, level);
        return Response.noContent().build();
    }

    GreetingResponse view(String accountId, Level level, CustomGreeting greeting) {
        if (greeting == null) {
            return null;
        }
        return new GreetingResponse(level.level().name(), greeting.format().name(), greeting.format().contentType(),
                greeting.sizeBytes(), greeting.durationMillis() / 1000.0, greeting.uploadedAt(),
                previewPath(accountId, level), publisher.greetingUrl(greeting));
    }

    static String previewPath(String accountId, Level level) {
        String base = "/api/accounts/" + accountId;
        return switch (level.level()) {
            case USER -> base + "/users/" + level.ref() + "/call-settings/greeting";
            case NUMBER -> base + "/numbers/" + level.ref() + "/call-settings/greeting";
            case ACCOUNT, SYSTEM -> base + "/call-settings/greeting";
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
