package com.mctb.settings.domain.audio;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Recognises MP3 (MPEG-1, MPEG-2 and MPEG-2.5 Layer III) by walking its audio frames: skips ID3v2 tags, finds a
 * run of consecutive valid frame headers (sync, version, layer, bitrate, sample rate, padding), follows them to
 * the end of the file counting frames, and computes the duration from the samples they hold. A Xing/Info or VBRI
 * header frame is not audio; the frame count it declares tells a truncated file apart.
 *
 * <p>Written by hand: the Java libraries that read MP3 either decode the audio (far more than a check needs) or
 * trust the first header they see; the frame walk is what tells a real MP3 from a renamed file.
 */
final class Mp3Audio {

    /** Frames in a row that must check out before the bytes count as MPEG audio. */
    static final int MIN_CONSECUTIVE_FRAMES = 4;
    /** How far past the tags (or past junk between frames) to look for the frames. */
    private static final int SYNC_SEARCH_BYTES = 64 * 1024;
    private static final int RESYNC_SEARCH_BYTES = 4 * 1024;

    private static final int[] BITRATES_V1_L3 = {0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, -1};
    private static final int[] BITRATES_V2_L3 = {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160, -1};
    private static final int[] SAMPLE_RATES_V1 = {44100, 48000, 32000, -1};

    private Mp3Audio() {
    }

    /** One Layer III frame header. {@code version} is 1 (MPEG-1), 2 (MPEG-2) or 25 (MPEG-2.5). */
    record FrameHeader(int version, int bitrateKbps, int sampleRate, boolean padding, boolean crc, int channels) {

        /** The header at {@code offset}, or null when the four bytes there are not a valid Layer III header. */
        static FrameHeader parse(byte[] b, int offset) {
            if (offset < 0 || offset + 4 > b.length) {
                return null;
            }
            int h = ((b[offset] & 0xFF) << 24) | ((b[offset + 1] & 0xFF) << 16) | ((b[offset + 2] & 0xFF) << 8)
                    | (b[offset + 3] & 0xFF);
            if ((h >>> 21) != 0x7FF) {
                return null;
            }
            int versionBits = (h >>> 19) & 0b11;
            int layerBits = (h >>> 17) & 0b11;
            int bitrateIndex = (h >>> 12) & 0b1111;
            int sampleRateIndex = (h >>> 10) & 0b11;
            int emphasis = h & 0b11;
            if (versionBits == 0b01 || layerBits != 0b01 || emphasis == 0b10) {
                return null; // reserved version, not Layer III, reserved emphasis
            }
            int version = versionBits == 0b11 ? 1 : versionBits == 0b10 ? 2 : 25;
            int bitrate = (version == 1 ? BITRATES_V1_L3 : BITRATES_V2_L3)[bitrateIndex];
            int baseRate = SAMPLE_RATES_V1[sampleRateIndex];
            if (bitrate <= 0 || baseRate < 0) {
                return null; // free format (0) and the bad index (15) cannot be walked; reserved sample rate
            }
            int sampleRate = version == 1 ? baseRate : version == 2 ? baseRate / 2 : baseRate / 4;
            boolean crc = ((h >>> 16) & 1) == 0;
            boolean padding = ((h >>> 9) & 1) == 1;
            int channels = ((h >>> 6) & 0b11) == 0b11 ? 1 : 2;
            return new FrameHeader(version, bitrate, sampleRate, padding, crc, channels);
        }

        /** Bytes in the frame, header included. */
        int length() {
            int coefficient = version == 1 ? 144 : 72;
            return coefficient * bitrateKbps * 1000 / sampleRate + (padding ? 1 : 0);
        }

        int samples() {
            return version == 1 ? 1152 : 576;
        }

        int sideInfoBytes() {
            if (version == 1) {
                return channels == 1 ? 17 : 32;
            }
            return channels == 1 ? 9 : 17;
        }

        /** Frames of one stream share version and sample rate; bitrate, padding and channel mode may vary. */
        boolean sameStream(FrameHeader other) {
            return other != null && version == other.version && sampleRate == other.sampleRate;
        }

        String describe() {
            String mpeg = version == 25 ? "MPEG-2.5" : "MPEG-" + version;
            return mpeg + " Layer III, " + sampleRate + " Hz, " + (channels == 1 ? "mono" : "stereo");
        }
    }

    static InspectedAudio inspect(byte[] b) {
        int afterTags = skipId3v2(b, 0);
        int start = findStream(b, afterTags, SYNC_SEARCH_BYTES);
        if (start < 0) {
            String other = otherMpegLayer(b, afterTags);
            if (other != null) {
                throw new AudioRefusedException(AudioRefusal.UNSUPPORTED_ENCODING, "the file is " + other
                        + " audio, not MP3 (Layer III); export it as MP3 or WAV");
            }
            throw new AudioRefusedException(AudioRefusal.NOT_AUDIO, "the file is neither an MP3 (no run of "
                    + MIN_CONSECUTIVE_FRAMES + " valid MPEG audio frames found) nor a WAV (no RIFF/WAVE header); "
                    + "files are recognised by their content, not their name");
        }
        FrameHeader stream = FrameHeader.parse(b, start);
        long samples = 0;
        int frames = 0;
        long declaredFrames = -1;
        int bitrateMin = Integer.MAX_VALUE;
        int bitrateMax = 0;
        boolean first = true;
        int pos = start;
        while (pos + 4 <= b.length) {
            FrameHeader header = FrameHeader.parse(b, pos);
            if (header != null && header.sameStream(stream)) {
                int length = header.length();
                if (pos + length > b.length) {
                    break; // a last frame cut short: decoders drop it, so do we
                }
                if (first) {
                    first = false;
                    long info = infoFrameCount(b, pos, header);
                    if (info != Long.MIN_VALUE) {
                        declaredFrames = info;
                        pos += length;
                        continue; // the Xing/Info/VBRI frame carries no audio
                    }
                }
                frames++;
                samples += header.samples();
                bitrateMin = Math.min(bitrateMin, header.bitrateKbps());
                bitrateMax = Math.max(bitrateMax, header.bitrateKbps());
                pos += length;
                continue;
            }
            if (startsWith(b, pos, "ID3")) {
                int after = skipId3v2(b, pos);
                if (after > pos) {
                    pos = after;
                    continue;
                }
            }
            if (isTrailer(b, pos)) {
                break;
            }
            int next = findStream(b, pos + 1, RESYNC_SEARCH_BYTES);
            if (next < 0 || !FrameHeader.parse(b, next).sameStream(stream)) {
                throw new AudioRefusedException(AudioRefusal.NOT_AUDIO, "the data at byte " + pos + " (after " + frames
                        + " MPEG audio frames) is not MPEG audio: the file is damaged or not an MP3");
            }
            pos = next;
        }
        if (frames == 0) {
            throw new AudioRefusedException(AudioRefusal.EMPTY, "the MP3 holds no audio frames");
        }
        if (declaredFrames > 0 && frames < declaredFrames - 1) {
            throw new AudioRefusedException(AudioRefusal.TRUNCATED, "the MP3 is truncated: its header declares "
                    + declaredFrames + " audio frames but the file holds " + frames);
        }
        long millis = samples * 1000 / stream.sampleRate();
        String bitrate = bitrateMin == bitrateMax ? bitrateMin + " kbps" : bitrateMin + "–" + bitrateMax + " kbps (VBR)";
        return new InspectedAudio(AudioFormat.MP3, millis, stream.sampleRate(), stream.channels(),
                String.format(Locale.ROOT, "%s, %s", stream.describe(), bitrate));
    }

    /** Offset after any ID3v2 tags at {@code offset} (several may follow one another). */
    static int skipId3v2(byte[] b, int offset) {
        int pos = offset;
        while (pos + 10 <= b.length && startsWith(b, pos, "ID3") && (b[pos + 3] & 0xFF) < 0xFF
                && (b[pos + 4] & 0xFF) < 0xFF && syncSafe(b, pos + 6) >= 0) {
            boolean footer = (b[pos + 5] & 0x10) != 0;
            pos += 10 + syncSafe(b, pos + 6) + (footer ? 10 : 0);
        }
        return Math.min(pos, b.length);
    }

    /** The first offset in [from, from + window) where {@link #MIN_CONSECUTIVE_FRAMES} frames follow one another. */
    private static int findStream(byte[] b, int from, int window) {
        int end = (int) Math.min((long) b.length - 4, (long) from + window);
        for (int i = Math.max(0, from); i <= end; i++) {
            if ((b[i] & 0xFF) == 0xFF && consecutiveFrames(b, i)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean consecutiveFrames(byte[] b, int offset) {
        FrameHeader first = FrameHeader.parse(b, offset);
        if (first == null) {
            return false;
        }
        int pos = offset;
        for (int n = 0; n < MIN_CONSECUTIVE_FRAMES; n++) {
            FrameHeader header = FrameHeader.parse(b, pos);
            if (header == null || !header.sameStream(first) || pos + header.length() > b.length) {
                return false;
            }
            pos += header.length();
        }
        return true;
    }

    /**
     * The frame count a Xing/Info or VBRI header in this frame declares: -1 when it declares none, and
     * {@link Long#MIN_VALUE} when the frame is ordinary audio.
     */
    private static long infoFrameCount(byte[] b, int frame, FrameHeader header) {
        int xing = frame + 4 + header.sideInfoBytes();
        for (int offset : new int[] {xing, xing + 2}) {
            if (startsWith(b, offset, "Xing") || startsWith(b, offset, "Info")) {
                if (offset + 12 > b.length) {
                    return -1;
                }
                long flags = uint32BigEndian(b, offset + 4);
                return (flags & 1) != 0 ? uint32BigEndian(b, offset + 8) : -1;
            }
        }
        int vbri = frame + 4 + 32;
        if (startsWith(b, vbri, "VBRI") && vbri + 18 <= b.length) {
            return uint32BigEndian(b, vbri + 14);
        }
        return Long.MIN_VALUE;
    }

    /** Tags and padding that may end an MP3 after its last frame: ID3v1, APE, Lyrics3, zero bytes. */
    private static boolean isTrailer(byte[] b, int pos) {
        if (startsWith(b, pos, "TAG") && b.length - pos <= 128 + 227) {
            return true;
        }
        if (startsWith(b, pos, "APETAGEX") || startsWith(b, pos, "LYRICSBEGIN")) {
            return true;
        }
        for (int i = pos; i < b.length; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** "MPEG-1 Layer II" when the file starts with frames of another MPEG layer; else null. */
    private static String otherMpegLayer(byte[] b, int offset) {
        if (offset + 4 > b.length || (b[offset] & 0xFF) != 0xFF || (b[offset + 1] & 0xE0) != 0xE0) {
            return null;
        }
        int versionBits = (b[offset + 1] >>> 3) & 0b11;
        int layerBits = (b[offset + 1] >>> 1) & 0b11;
        if (versionBits == 0b01 || layerBits == 0b00 || layerBits == 0b01) {
            return null;
        }
        String version = versionBits == 0b11 ? "MPEG-1" : versionBits == 0b10 ? "MPEG-2" : "MPEG-2.5";
        return version + (layerBits == 0b10 ? " Layer II" : " Layer I");
    }

    private static int syncSafe(byte[] b, int offset) {
        int size = 0;
        for (int i = 0; i < 4; i++) {
            int v = b[offset + i] & 0xFF;
            if (v >= 0x80) {
                return -1;
            }
            size = (size << 7) | v;
        }
        return size;
    }

    private static long uint32BigEndian(byte[] b, int offset) {
        return ((long) (b[offset] & 0xFF) << 24) | ((b[offset + 1] & 0xFF) << 16) | ((b[offset + 2] & 0xFF) << 8)
                | (b[offset + 3] & 0xFF);
    }

    static boolean startsWith(byte[] b, int offset, String ascii) {
        byte[] expected = ascii.getBytes(StandardCharsets.US_ASCII);
        if (offset < 0 || offset + expected.length > b.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (b[offset + i] != expected[i]) {
                return false;
            }
        }
        return true;
    }
}
