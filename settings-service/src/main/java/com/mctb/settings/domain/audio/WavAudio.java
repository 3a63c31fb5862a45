package com.mctb.settings.domain.audio;

import java.util.Map;

/**
 * Recognises a PCM WAV file: a RIFF/WAVE header, a {@code fmt } chunk (PCM, channels, sample rate, byte rate that
 * agree with one another) and a {@code data} chunk that is all there. Duration = data bytes / byte rate.
 *
 * <p>Written by hand rather than with {@code javax.sound.sampled}: the JDK's reader accepts a data chunk shorter than
 * it declares (it just stops early), and a truncated greeting is exactly what must be refused.
 */
final class WavAudio {

    private static final int PCM = 0x0001;
    private static final int EXTENSIBLE = 0xFFFE;
    private static final Map<Integer, String> OTHER_ENCODINGS = Map.of(
            0x0002, "Microsoft ADPCM",
            0x0003, "IEEE floating point",
            0x0006, "A-law",
            0x0007, "μ-law",
            0x0011, "IMA ADPCM",
            0x0031, "GSM 6.10",
            0x0055, "MP3");

    private WavAudio() {
    }

    static boolean looksLikeWav(byte[] b) {
        return Mp3Audio.startsWith(b, 0, "RIFF") && Mp3Audio.startsWith(b, 8, "WAVE");
    }

    static InspectedAudio inspect(byte[] b) {
        Format format = null;
        int pos = 12;
        while (pos + 8 <= b.length) {
            String id = new String(b, pos, 4, java.nio.charset.StandardCharsets.US_ASCII);
            long size = uint32(b, pos + 4);
            int body = pos + 8;
            if (id.equals("data")) {
                if (format == null) {
                    throw new AudioRefusedException(AudioRefusal.NOT_AUDIO,
                            "the WAV file has its data chunk before its fmt chunk, so its audio cannot be read");
                }
                long present = b.length - (long) body;
                if (size > present) {
                    throw new AudioRefusedException(AudioRefusal.TRUNCATED, "the WAV file is truncated: its data chunk "
                            + "declares " + size + " bytes of audio but the file holds only " + present);
                }
                if (size == 0) {
                    throw new AudioRefusedException(AudioRefusal.EMPTY, "the WAV file's data chunk holds no audio");
                }
                long millis = size * 1000 / format.byteRate();
                return new InspectedAudio(AudioFormat.WAV, millis, format.sampleRate(), format.channels(),
                        "PCM " + format.bitsPerSample() + "-bit, " + format.sampleRate() + " Hz, "
                                + (format.channels() == 1 ? "mono" : "stereo"));
            }
            if (body + size > b.length) {
                throw new AudioRefusedException(AudioRefusal.TRUNCATED, "the WAV file is truncated: its '" + id.trim()
                        + "' chunk runs past the end of the file, and no audio follows");
            }
            if (id.equals("fmt ")) {
                format = Format.read(b, body, (int) size);
            }
            pos = (int) (body + size + (size & 1)); // chunks are padded to an even length
        }
        throw new AudioRefusedException(format == null ? AudioRefusal.NOT_AUDIO : AudioRefusal.TRUNCATED,
                format == null ? "the WAV file has no fmt chunk describing its audio"
                        : "the WAV file has no data chunk: it holds no audio or is truncated");
    }

    private record Format(int channels, int sampleRate, long byteRate, int bitsPerSample) {

        static Format read(byte[] b, int at, int size) {
            if (size < 16) {
                throw new AudioRefusedException(AudioRefusal.NOT_AUDIO, "the WAV file's fmt chunk is too short");
            }
            int encoding = uint16(b, at);
            if (encoding == EXTENSIBLE) {
                // WAVE_FORMAT_EXTENSIBLE: the encoding is the first two bytes of the sub-format GUID
                encoding = size >= 40 ? uint16(b, at + 24) : -1;
            }
            if (encoding != PCM) {
                String name = OTHER_ENCODINGS.getOrDefault(encoding, "encoding " + encoding);
                throw new AudioRefusedException(AudioRefusal.UNSUPPORTED_ENCODING, "the WAV file holds " + name
                        + " audio; only PCM WAV (or MP3) is accepted");
            }
            int channels = uint16(b, at + 2);
            int sampleRate = (int) uint32(b, at + 4);
            long byteRate = uint32(b, at + 8);
            int blockAlign = uint16(b, at + 12);
            int bits = uint16(b, at + 14);
            if (channels < 1 || channels > 2) {
                throw new AudioRefusedException(AudioRefusal.UNSUPPORTED_ENCODING, "the WAV file has " + channels
                        + " channels; a greeting is mono or stereo");
            }
            if (sampleRate < 8_000 || sampleRate > 96_000) {
                throw new AudioRefusedException(AudioRefusal.UNSUPPORTED_ENCODING, "the WAV file's sample rate is "
                        + sampleRate + " Hz; 8,000 to 96,000 Hz is accepted");
            }
            if (bits != 8 && bits != 16 && bits != 24 && bits != 32) {
                throw new AudioRefusedException(AudioRefusal.UNSUPPORTED_ENCODING, "the WAV file has " + bits
                        + "-bit samples; 8, 16, 24 or 32 bits is accepted");
            }
            if (blockAlign != channels * bits / 8 || byteRate != (long) sampleRate * blockAlign) {
                throw new AudioRefusedException(AudioRefusal.NOT_AUDIO, "the WAV file's fmt chunk contradicts itself "
                        + "(byte rate " + byteRate + ", block align " + blockAlign + " for " + channels + " × " + bits
                        + "-bit at " + sampleRate + " Hz)");
            }
            return new Format(channels, sampleRate, byteRate, bits);
        }
    }

    private static int uint16(byte[] b, int at) {
        return (b[at] & 0xFF) | ((b[at + 1] & 0xFF) << 8);
    }

    private static long uint32(byte[] b, int at) {
        return (b[at] & 0xFFL) | ((b[at + 1] & 0xFFL) << 8) | ((b[at + 2] & 0xFFL) << 16) | ((b[at + 3] & 0xFFL) << 24);
    }
}
