package com.mctb.contracts.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What an HTTP {@code Range} header (RFC 9110 §14) asks of a representation of a known length: the whole of it, one
 * byte range, or nothing it holds (416). A browser's {@code <audio>} element asks for {@code bytes=0-} first and
 * then for the range it seeks to.
 *
 * <p>Written by hand: a greeting's bytes live in PostgreSQL (settings-service) and a voicemail's at Twilio
 * (call-gateway), not in files, so the static-file handlers that implement ranges (Vert.x's, the servlet containers')
 * cannot serve them; this is the part of theirs we need, one rule for both services.
 */
public sealed interface ByteRange {

    /** Serve everything, 200. */
    record Whole() implements ByteRange {
    }

    /** Serve bytes {@code first}..{@code last} inclusive, 206. */
    record Part(long first, long last) implements ByteRange {
        public long length() {
            return last - first + 1;
        }

        /** The Content-Range header's value. */
        public String contentRange(long total) {
            return "bytes " + first + "-" + last + "/" + total;
        }
    }

    /** No requested range overlaps the representation, 416 with {@code Content-Range: bytes *}{@code /length}. */
    record Unsatisfiable() implements ByteRange {
        public String contentRange(long total) {
            return "bytes */" + total;
        }
    }

    /**
     * @param header the Range header, or null
     * @param length the representation's length in bytes
     * @return a header that is absent, malformed or in another unit asks for the whole (the RFC says to ignore it);
     *         several satisfiable ranges are also answered whole, which the RFC allows, rather than as multipart
     */
    public static ByteRange of(String header, long length) {
        if (header == null) {
            return new Whole();
        }
        String value = header.trim();
        if (!value.toLowerCase(Locale.ROOT).startsWith("bytes=")) {
            return new Whole();
        }
        List<Part> satisfiable = new ArrayList<>();
        for (String spec : value.substring("bytes=".length()).split(",", -1)) {
            String s = spec.trim();
            int dash = s.indexOf('-');
            if (dash < 0 || s.indexOf('-', dash + 1) >= 0) {
                return new Whole();
            }
            String from = s.substring(0, dash).trim();
            String to = s.substring(dash + 1).trim();
            if (!digits(from) && !from.isEmpty() || !digits(to) && !to.isEmpty() || from.isEmpty() && to.isEmpty()) {
                return new Whole();
            }
            if (from.isEmpty()) {
                long suffix = parse(to);
                if (suffix > 0 && length > 0) {
                    satisfiable.add(new Part(Math.max(0, length - suffix), length - 1));
                }
                continue;
            }
            long first = parse(from);
            long last = to.isEmpty() ? Long.MAX_VALUE : parse(to);
            if (last < first) {
                return new Whole();
            }
            if (first < length) {
                satisfiable.add(new Part(first, Math.min(last, length - 1)));
            }
        }
        if (satisfiable.isEmpty()) {
            return new Unsatisfiable();
        }
        return satisfiable.size() == 1 ? satisfiable.get(0) : new Whole();
    }

    private static boolean digits(String s) {
        return !s.isEmpty() && s.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /** Digits beyond what a long holds are further than any representation reaches. */
    private static long parse(String s) {
        return s.length() > 18 ? Long.MAX_VALUE : Long.parseLong(s);
    }
}
