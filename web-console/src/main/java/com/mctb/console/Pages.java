package com.mctb.console;

import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.zip.CRC32;

/** What every page of the console is served with. */
public final class Pages {

    /**
     * Scripts, styles and media from this origin only ({@code blob:} for the audio players, which fetch a recording
     * with the token and play it from memory), calls to this origin only (the {@code /api} pass-through).
     */
    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; media-src 'self' blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
            + "form-action 'self'; frame-ancestors 'none'";

    private Pages() {
    }

    public static Response html(TemplateInstance page) {
        return Response.ok(page)
                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header("Referrer-Policy", "no-referrer")
                .header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "no-cache")
                .build();
    }

    /**
     * A checksum of a page's scripts and stylesheets, put in their URLs: browsers cache static files for a day, and a
     * page must never run with last release's script.
     */
    public static String assetsVersion(List<String> assets) {
        CRC32 checksum = new CRC32();
        for (String asset : assets) {
            try (InputStream in = Pages.class.getClassLoader().getResourceAsStream(asset)) {
                if (in == null) {
                    throw new IllegalStateException(asset + " is missing from the build");
                }
                checksum.update(in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return Long.toHexString(checksum.getValue());
    }
}
