package com.mctb.twilio.standin;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A real, playable PCM WAV made in code: a 440 Hz tone, mono, 16 bits. What the stand-in serves as a recording's
 * audio (Twilio's recordings are WAV by default), and what tests upload or play. Written by hand because it is 30
 * lines and no audio library is needed to write a RIFF header over samples.
 */
public final class WavTone {

    private WavTone() {
    }

    /** {@code seconds} of tone at {@code sampleRate} Hz (mono, 16-bit PCM). */
    public static byte[] of(double seconds, int sampleRate) {
        int frames = (int) Math.round(seconds * sampleRate);
        ByteBuffer wav = ByteBuffer.allocate(44 + frames * 2).order(ByteOrder.LITTLE_ENDIAN);
        wav.put(ascii("RIFF")).putInt(36 + frames * 2).put(ascii("WAVE"));
        wav.put(ascii("fmt ")).putInt(16).putShort((short) 1).putShort((short) 1).putInt(sampleRate)
                .putInt(sampleRate * 2).putShort((short) 2).putShort((short) 16);
        wav.put(ascii("data")).putInt(frames * 2);
        for (int i = 0; i < frames; i++) {
            wav.putShort((short) Math.round(0.3 * 32767 * Math.sin(2 * Math.PI * 440 * i / sampleRate)));
        }
        return wav.array();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
