package io.novix.core.inference.entity;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Audio is priced per second: exact from WAV and FLAC headers, an upper bound otherwise. */
class AudioDurationTest {

    static byte[] wav(int sampleRate, int channels, int bits, double seconds, int extraChunk) {
        int byteRate = sampleRate * channels * bits / 8;
        int data = (int) (byteRate * seconds);
        ByteBuffer b = ByteBuffer.allocate(12 + 24 + (extraChunk > 0 ? 8 + extraChunk : 0) + 8 + data).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(b.capacity() - 8).put("WAVE".getBytes(StandardCharsets.US_ASCII));
        b.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) channels)
                .putInt(sampleRate).putInt(byteRate).putShort((short) (channels * bits / 8)).putShort((short) bits);
        if (extraChunk > 0) {
            b.put("LIST".getBytes(StandardCharsets.US_ASCII)).putInt(extraChunk).put(new byte[extraChunk]);
        }
        b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(data);
        return b.array();
    }

    @Test
    void wavIsMeasuredFromItsHeaderWhateverChunksComeFirst() {
        assertEquals(2.0, AudioDuration.seconds(wav(16_000, 1, 16, 2.0, 0)), 1e-9);
        assertEquals(1.5, AudioDuration.seconds(wav(44_100, 2, 16, 1.5, 26)), 1e-9);
    }

    @Test
    void flacIsMeasuredFromStreamInfo() {
        byte[] flac = new byte[8 + 34 + 100];
        System.arraycopy("fLaC".getBytes(StandardCharsets.US_ASCII), 0, flac, 0, 4);
        flac[4] = 0; // STREAMINFO, not last
        int s = 8;
        long rate = 16_000;
        long samples = 48_000;
        flac[s + 10] = (byte) (rate >> 12);
        flac[s + 11] = (byte) (rate >> 4);
        flac[s + 12] = (byte) ((rate & 0xf) << 4);
        flac[s + 13] = (byte) ((samples >> 32) & 0x0f);
        flac[s + 14] = (byte) (samples >> 24);
        flac[s + 15] = (byte) (samples >> 16);
        flac[s + 16] = (byte) (samples >> 8);
        flac[s + 17] = (byte) samples;
        assertEquals(3.0, AudioDuration.seconds(flac), 1e-9);
    }

    @Test
    void otherFormatsAreBoundedAt32KbitPerSecond() {
        assertEquals(2.0, AudioDuration.seconds(new byte[8_000]), 1e-9);
        assertEquals(0.0, AudioDuration.seconds(new byte[0]), 1e-9);
    }
}
