package com.mctb.settings.domain.audio;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Real, small audio files made in code for the tests: PCM WAV with a sine tone, and MP3 made of valid MPEG Layer III
 * frames that decode to silence (their side information and main data are zero: no Huffman data, global gain 0), as
 * an encoder writes for digital silence. Any MP3 decoder (browsers', Twilio's, JLayer in these tests) plays them.
 */
public final class TestAudio {

    private TestAudio() {
    }

    /** A 440 Hz tone as PCM WAV. */
    public static byte[] wav(double seconds, int sampleRate, int channels, int bitsPerSample) {
        int frames = (int) Math.round(seconds * sampleRate);
        int blockAlign = channels * bitsPerSample / 8;
        ByteBuffer data = ByteBuffer.allocate(frames * blockAlign).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < frames; i++) {
            double v = 0.3 * Math.sin(2 * Math.PI * 440 * i / sampleRate);
            for (int c = 0; c < channels; c++) {
                switch (bitsPerSample) {
                    case 8 -> data.put((byte) (128 + Math.round(v * 127)));
                    case 16 -> data.putShort((short) Math.round(v * 32767));
                    default -> throw new IllegalArgumentException("8 or 16 bits");
                }
            }
        }
        return riff(fmtPcm(1, channels, sampleRate, bitsPerSample), data.array());
    }

    /** A WAV whose fmt chunk says {@code encoding} (e.g. 3 float, 7 μ-law) over {@code seconds} of zero bytes. */
    public static byte[] wavEncoded(int encoding, double seconds, int sampleRate, int bitsPerSample) {
        int blockAlign = bitsPerSample / 8;
        return riff(fmtPcm(encoding, 1, sampleRate, bitsPerSample),
                new byte[(int) Math.round(seconds * sampleRate) * blockAlign]);
    }

    /** WAVE_FORMAT_EXTENSIBLE with the PCM sub-format, as many editors write 24-bit or multichannel files. */
    public static byte[] wavExtensible(double seconds, int sampleRate) {
        ByteBuffer fmt = ByteBuffer.allocate(40).order(ByteOrder.LITTLE_ENDIAN);
        fmt.putShort((short) 0xFFFE).putShort((short) 1).putInt(sampleRate).putInt(sampleRate * 2)
                .putShort((short) 2).putShort((short) 16)
                .putShort((short) 22).putShort((short) 16).putInt(4)
                // KSDATAFORMAT_SUBTYPE_PCM {00000001-0000-0010-8000-00AA00389B71}
                .put(new byte[] {1, 0, 0, 0, 0, 0, 0x10, 0, (byte) 0x80, 0, 0, (byte) 0xAA, 0, 0x38, (byte) 0x9B, 0x71});
        return riff(fmt.array(), new byte[(int) Math.round(seconds * sampleRate) * 2]);
    }

    /** Cuts the file, as an interrupted copy or upload does. */
    public static byte[] truncate(byte[] file, int length) {
        return Arrays.copyOf(file, length);
    }

    /** Silent MPEG-1 Layer III frames at a constant bitrate (32, 44.1 or 48 kHz), padded as encoders pad. */
    public static byte[] mp3(int frames, int bitrateKbps, int sampleRate, boolean mono) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long remainder = 0;
        for (int i = 0; i < frames; i++) {
            // Padding keeps the average frame at exactly 144 * bitrate / sampleRate bytes.
            remainder += 144L * bitrateKbps * 1000 % sampleRate;
            boolean padding = remainder >= sampleRate;
            if (padding) {
                remainder -= sampleRate;
            }
            out.writeBytes(frame(1, bitrateKbps, sampleRate, padding, mono));
        }
        return out.toByteArray();
    }

    /** An MP3 that plays for about {@code seconds}. */
    public static byte[] mp3Seconds(double seconds, int bitrateKbps) {
        return mp3((int) Math.ceil(seconds * 44100 / 1152), bitrateKbps, 44100, false);
    }

    /** Silent MPEG-2 (LSF, 16/22.05/24 kHz) Layer III frames: 576 samples each. */
    public static byte[] mp3Mpeg2(int frames, int bitrateKbps, int sampleRate, boolean mono) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < frames; i++) {
            out.writeBytes(frame(2, bitrateKbps, sampleRate, false, mono));
        }
        return out.toByteArray();
    }

    /** Frames whose bitrate changes from one to the next, as a VBR encoder writes them. */
    public static byte[] mp3Vbr(int... bitratesKbps) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int bitrate : bitratesKbps) {
            out.writeBytes(frame(1, bitrate, 44100, false, false));
        }
        return out.toByteArray();
    }

    /** A first frame carrying a Xing header that declares {@code declaredFrames}, then {@code audioFrames} frames. */
    public static byte[] mp3WithXing(int audioFrames, int declaredFrames, String tag) {
        byte[] info = frame(1, 128, 44100, false, false);
        int at = 4 + 32;
        System.arraycopy(tag.getBytes(StandardCharsets.US_ASCII), 0, info, at, 4);
        ByteBuffer.wrap(info, at + 4, 8).putInt(0x1).putInt(declaredFrames);
        return concat(info, mp3(audioFrames, 128, 44100, false));
    }

    /** An ID3v2.3 tag with a title, as taggers put before the audio. */
    public static byte[] id3v2(String title) {
        byte[] text = ("\0" + title).getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer frame = ByteBuffer.allocate(10 + text.length);
        frame.put("TIT2".getBytes(StandardCharsets.US_ASCII)).putInt(text.length).putShort((short) 0).put(text);
        int size = frame.capacity() + 64; // with padding, as taggers leave room to edit
        byte[] tag = new byte[10 + size];
        System.arraycopy("ID3".getBytes(StandardCharsets.US_ASCII), 0, tag, 0, 3);
        tag[3] = 3;
        tag[6] = (byte) ((size >> 21) & 0x7F);
        tag[7] = (byte) ((size >> 14) & 0x7F);
        tag[8] = (byte) ((size >> 7) & 0x7F);
        tag[9] = (byte) (size & 0x7F);
        System.arraycopy(frame.array(), 0, tag, 10, frame.capacity());
        return tag;
    }

    /** An ID3v1 tag: 128 bytes at the end of the file. */
    public static byte[] id3v1(String title) {
        byte[] tag = new byte[128];
        System.arraycopy("TAG".getBytes(StandardCharsets.US_ASCII), 0, tag, 0, 3);
        byte[] t = title.getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(t, 0, tag, 3, Math.min(30, t.length));
        return tag;
    }

    /** MPEG-1 Layer II frames (MP2), which are MPEG audio but not MP3. */
    public static byte[] mp2(int frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < frames; i++) {
            byte[] f = new byte[144 * 128000 / 44100];
            // sync, MPEG-1, Layer II, no CRC; 128 kbps (index 8 in the Layer II table), 44.1 kHz, stereo
            f[0] = (byte) 0xFF;
            f[1] = (byte) 0xFD;
            f[2] = (byte) 0x80;
            f[3] = 0x00;
            out.writeBytes(f);
        }
        return out.toByteArray();
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** One frame: a valid header, zero side information and main data (silence). */
    static byte[] frame(int version, int bitrateKbps, int sampleRate, boolean padding, boolean mono) {
        int[] bitrates = version == 1
                ? new int[] {0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320}
                : new int[] {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160};
        int bitrateIndex = Arrays.stream(bitrates).boxed().toList().indexOf(bitrateKbps);
        int[] rates = version == 1 ? new int[] {44100, 48000, 32000} : new int[] {22050, 24000, 16000};
        int rateIndex = Arrays.stream(rates).boxed().toList().indexOf(sampleRate);
        if (bitrateIndex <= 0 || rateIndex < 0) {
            throw new IllegalArgumentException("no such MPEG-" + version + " bitrate/sample rate");
        }
        int length = (version == 1 ? 144 : 72) * bitrateKbps * 1000 / sampleRate + (padding ? 1 : 0);
        byte[] f = new byte[length];
        f[0] = (byte) 0xFF;
        // version bits 11 (MPEG-1) or 10 (MPEG-2), layer 01 (III), protection bit 1 (no CRC)
        f[1] = (byte) (version == 1 ? 0xFB : 0xF3);
        f[2] = (byte) ((bitrateIndex << 4) | (rateIndex << 2) | (padding ? 0x2 : 0));
        // channel mode 11 (mono) or 00 (stereo); no emphasis
        f[3] = (byte) (mono ? 0xC0 : 0x00);
        return f;
    }

    private static byte[] fmtPcm(int encoding, int channels, int sampleRate, int bitsPerSample) {
        int blockAlign = channels * bitsPerSample / 8;
        return ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN)
                .putShort((short) encoding).putShort((short) channels).putInt(sampleRate)
                .putInt(sampleRate * blockAlign).putShort((short) blockAlign).putShort((short) bitsPerSample)
                .array();
    }

    private static byte[] riff(byte[] fmt, byte[] data) {
        ByteBuffer file = ByteBuffer.allocate(12 + 8 + fmt.length + 8 + data.length).order(ByteOrder.LITTLE_ENDIAN);
        file.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(file.capacity() - 8)
                .put("WAVE".getBytes(StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(fmt.length).put(fmt)
                .put("data".getBytes(StandardCharsets.US_ASCII)).putInt(data.length).put(data);
        return file.array();
    }
}
