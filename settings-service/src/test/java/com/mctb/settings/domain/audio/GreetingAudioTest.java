package com.mctb.settings.domain.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioSystem;
import javazoom.jl.decoder.Bitstream;
import javazoom.jl.decoder.Decoder;
import javazoom.jl.decoder.Header;
import javazoom.jl.decoder.SampleBuffer;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class GreetingAudioTest {

    @Nested
    class Wav {

        @Test
        void aPcmWavIsAcceptedWithTheDurationOfItsData() throws Exception {
            byte[] file = TestAudio.wav(2.5, 8000, 1, 16);

            InspectedAudio audio = GreetingAudio.check(file);

            assertThat(audio.format()).isEqualTo(AudioFormat.WAV);
            assertThat(audio.durationMillis()).isEqualTo(2500);
            assertThat(audio.sampleRate()).isEqualTo(8000);
            assertThat(audio.channels()).isEqualTo(1);
            assertThat(audio.encoding()).isEqualTo("PCM 16-bit, 8000 Hz, mono");
            // The JDK's own reader, which we do not use, agrees that this is a 2.5 s PCM WAV.
            AudioFileFormat jdk = AudioSystem.getAudioFileFormat(new ByteArrayInputStream(file));
            assertThat(jdk.getType()).isEqualTo(AudioFileFormat.Type.WAVE);
            assertThat(jdk.getFrameLength()).isEqualTo(20_000);
        }

        @Test
        void stereoEightBitAndExtensibleWavsAreAccepted() {
            assertThat(GreetingAudio.check(TestAudio.wav(1, 44100, 2, 16)).durationMillis()).isEqualTo(1000);
            assertThat(GreetingAudio.check(TestAudio.wav(3, 11025, 1, 8)).durationMillis()).isEqualTo(3000);
            assertThat(GreetingAudio.check(TestAudio.wavExtensible(1.5, 16000)).durationMillis()).isEqualTo(1500);
        }

        @Test
        void aTruncatedWavIsRefusedBecauseItsDataChunkIsShorterThanDeclared() throws Exception {
            byte[] whole = TestAudio.wav(2, 8000, 1, 16);
            // The JDK's reader takes the cut file without complaint, which is why WavAudio reads the chunks itself.
            assertThat(AudioSystem.getAudioFileFormat(new ByteArrayInputStream(TestAudio.truncate(whole, whole.length - 1000)))
                    .getFrameLength()).isEqualTo(16_000);

            refused(TestAudio.truncate(whole, whole.length - 1000), AudioRefusal.TRUNCATED)
                    .hasMessageContaining("declares 32000 bytes of audio but the file holds only 31000");
            refused(TestAudio.truncate(whole, 30), AudioRefusal.TRUNCATED);
        }

        @Test
        void aWavThatIsNotPcmIsRefusedNamingItsEncoding() {
            refused(TestAudio.wavEncoded(3, 1, 8000, 32), AudioRefusal.UNSUPPORTED_ENCODING)
                    .hasMessageContaining("IEEE floating point");
            refused(TestAudio.wavEncoded(7, 1, 8000, 8), AudioRefusal.UNSUPPORTED_ENCODING).hasMessageContaining("μ-law");
        }

        @Test
        void aWavWhoseFormatContradictsItselfIsRefused() {
            byte[] file = TestAudio.wav(1, 8000, 1, 16);
            file[12 + 8 + 8] = 0x00; // byte rate's low byte: no longer 16000

            refused(file, AudioRefusal.NOT_AUDIO).hasMessageContaining("contradicts itself");
        }

        @Test
        void aWavOfMoreThanThreeMinutesIsRefusedAndExactlyThreeIsAccepted() {
            assertThat(GreetingAudio.check(TestAudio.wav(180, 8000, 1, 8)).durationMillis()).isEqualTo(180_000);
            refused(TestAudio.wav(181, 8000, 1, 8), AudioRefusal.TOO_LONG).hasMessageContaining("181.0 seconds");
        }
    }

    @Nested
    class Mp3 {

        @Test
        void anMp3IsAcceptedWithTheDurationOfItsFrames() throws Exception {
            byte[] file = TestAudio.mp3(100, 128, 44100, false);

            InspectedAudio audio = GreetingAudio.check(file);

            assertThat(audio.format()).isEqualTo(AudioFormat.MP3);
            assertThat(audio.durationMillis()).isEqualTo(100 * 1152 * 1000L / 44100);
            assertThat(audio.encoding()).isEqualTo("MPEG-1 Layer III, 44100 Hz, stereo, 128 kbps");
            // An MP3 decoder that is not ours decodes every frame, to the same number of samples.
            assertThat(decodedSamplesPerChannel(file)).isEqualTo(100 * 1152);
        }

        @Test
        void anId3TagBeforeTheAudioAndAnId3v1TagAfterItAreSkipped() throws Exception {
            byte[] tagged = TestAudio.concat(TestAudio.id3v2("Thanks for calling Glow"), TestAudio.mp3(50, 64, 48000, true));
            byte[] file = TestAudio.concat(tagged, TestAudio.id3v1("Thanks for calling Glow"));

            InspectedAudio audio = GreetingAudio.check(file);

            assertThat(audio.durationMillis()).isEqualTo(50 * 1152 * 1000L / 48000);
            assertThat(audio.channels()).isEqualTo(1);
            // (JLayer drops a last frame that an ID3v1 tag follows, so it decodes the file without one.)
            assertThat(decodedSamplesPerChannel(tagged)).isEqualTo(50 * 1152);
        }

        @Test
        void mpeg2LowSampleRateAndVariableBitrateMp3sAreAccepted() throws Exception {
            byte[] lsf = TestAudio.mp3Mpeg2(80, 32, 22050, true);
            assertThat(GreetingAudio.check(lsf).durationMillis()).isEqualTo(80 * 576 * 1000L / 22050);
            assertThat(decodedSamplesPerChannel(lsf)).isEqualTo(80 * 576);

            byte[] vbr = TestAudio.mp3Vbr(128, 160, 64, 320, 96, 128, 192, 32, 256, 128);
            InspectedAudio audio = GreetingAudio.check(vbr);
            assertThat(audio.durationMillis()).isEqualTo(10 * 1152 * 1000L / 44100);
            assertThat(audio.encoding()).endsWith("32–320 kbps (VBR)");
        }

        @Test
        void aXingOrInfoFrameIsNotCountedAsAudio() {
            assertThat(GreetingAudio.check(TestAudio.mp3WithXing(40, 40, "Xing")).durationMillis())
                    .isEqualTo(40 * 1152 * 1000L / 44100);
            assertThat(GreetingAudio.check(TestAudio.mp3WithXing(40, 40, "Info")).durationMillis())
                    .isEqualTo(40 * 1152 * 1000L / 44100);
        }

        @Test
        void anMp3WithFewerFramesThanItsXingHeaderDeclaresIsTruncated() {
            refused(TestAudio.mp3WithXing(40, 400, "Xing"), AudioRefusal.TRUNCATED)
                    .hasMessageContaining("declares 400 audio frames but the file holds 40");
        }

        @Test
        void aLastFrameCutShortIsDroppedAsDecodersDo() {
            byte[] whole = TestAudio.mp3(20, 128, 44100, false);

            InspectedAudio audio = GreetingAudio.check(TestAudio.truncate(whole, whole.length - 100));

            assertThat(audio.durationMillis()).isEqualTo(19 * 1152 * 1000L / 44100);
        }

        @Test
        void aFewStrayBytesBetweenFramesAreSkippedButGarbageIsRefused() {
            byte[] resynced = TestAudio.concat(TestAudio.mp3(10, 128, 44100, false), new byte[] {1, 2, 3},
                    TestAudio.mp3(10, 128, 44100, false));
            assertThat(GreetingAudio.check(resynced).durationMillis()).isEqualTo(20 * 1152 * 1000L / 44100);

            byte[] garbage = new byte[20_000];
            java.util.Arrays.fill(garbage, (byte) 'x');
            refused(TestAudio.concat(TestAudio.mp3(10, 128, 44100, false), garbage), AudioRefusal.NOT_AUDIO)
                    .hasMessageContaining("after 10 MPEG audio frames");
        }

        @Test
        void aFileOfFewerThanFourFramesIsNotRecognisedAsMp3() {
            refused(TestAudio.mp3(3, 128, 44100, false), AudioRefusal.NOT_AUDIO);
        }

        @Test
        void mp2AudioIsMpegButNotMp3() {
            refused(TestAudio.mp2(10), AudioRefusal.UNSUPPORTED_ENCODING).hasMessageContaining("MPEG-1 Layer II");
        }

        @Test
        void anMp3OfMoreThanThreeMinutesIsRefused() {
            assertThat(GreetingAudio.check(TestAudio.mp3Seconds(179.5, 32)).durationMillis()).isBetween(179_500L, 180_000L);
            refused(TestAudio.mp3Seconds(181, 32), AudioRefusal.TOO_LONG).hasMessageContaining("at most 180 seconds");
        }
    }

    @Nested
    class Neither {

        @Test
        void aTextFileNamedLikeAudioIsRefusedByItsContent() {
            byte[] text = "ID3 is not enough: this is a note about our opening hours, saved as greeting.mp3\n"
                    .repeat(50).getBytes(StandardCharsets.UTF_8);

            refused(text, AudioRefusal.NOT_AUDIO).hasMessageContaining("recognised by their content");
        }

        @Test
        void randomBytesAndAnEmptyFileAreRefused() {
            byte[] noise = new byte[50_000];
            new java.util.Random(42).nextBytes(noise);
            refused(noise, AudioRefusal.NOT_AUDIO);
            refused(new byte[0], AudioRefusal.EMPTY);
        }

        @Test
        void aRiffFileThatIsNotWaveIsNotAudio() {
            byte[] avi = TestAudio.wav(1, 8000, 1, 16);
            System.arraycopy("AVI ".getBytes(StandardCharsets.US_ASCII), 0, avi, 8, 4);

            refused(avi, AudioRefusal.NOT_AUDIO);
        }

        @Test
        void moreThanTenMegabytesIsRefusedBeforeAndAfterReading() {
            assertThatThrownBy(() -> GreetingAudio.checkSize(GreetingAudio.MAX_BYTES + 1))
                    .isInstanceOfSatisfying(AudioRefusedException.class,
                            e -> assertThat(e.reason()).isEqualTo(AudioRefusal.TOO_LARGE))
                    .hasMessageContaining("at most 10 MB");
            GreetingAudio.checkSize(GreetingAudio.MAX_BYTES);
            refused(new byte[(int) GreetingAudio.MAX_BYTES + 1], AudioRefusal.TOO_LARGE);
        }
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> refused(byte[] file, AudioRefusal reason) {
        return assertThatThrownBy(() -> GreetingAudio.check(file))
                .isInstanceOfSatisfying(AudioRefusedException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    /** Decodes with JLayer and counts the PCM samples of one channel. */
    static long decodedSamplesPerChannel(byte[] mp3) throws Exception {
        Bitstream bitstream = new Bitstream(new ByteArrayInputStream(mp3));
        Decoder decoder = new Decoder();
        long samples = 0;
        Header header;
        while ((header = bitstream.readFrame()) != null) {
            SampleBuffer output = (SampleBuffer) decoder.decodeFrame(header, bitstream);
            samples += output.getBufferLength() / output.getChannelCount();
            bitstream.closeFrame();
        }
        return samples;
    }
}
