package io.novix.core.inference.entity;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * How many seconds of audio an upload holds, for the price table's per-second rate: exact for WAV
 * (its {@code fmt } byte rate and {@code data} size) and FLAC (STREAMINFO's sample rate and total
 * samples); for compressed formats without such a header (MP3, Ogg, WebM, MP4) an upper bound at
 * 32 kbit/s, the lowest bitrate speech is usually sent at, so a call is never charged less than it is.
 */
public final class AudioDuration {

    static final int FALLBACK_BYTES_PER_SECOND = 4_000;

    private AudioDuration() {
    }

    public static double seconds(byte[] audio) {
        if (audio == null || audio.length == 0) {
            return 0;
        }
        Double exact = wav(audio);
        if (exact == null) {
            exact = flac(audio);
        }
        return exact != null ? exact : (double) audio.length / FALLBACK_BYTES_PER_SECOND;
    }

    private static Double wav(byte[] a) {
        if (a.length < 12 || !ascii(a, 0, "RIFF") || !ascii(a, 8, "WAVE")) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(a).order(ByteOrder.LITTLE_ENDIAN);
        long byteRate = 0;
        int at = 12;
        while (at + 8 <= a.length) {
            long size = Integer.toUnsignedLong(b.getInt(at + 4));
            if (ascii(a, at, "fmt ") && at + 16 <= a.length) {
                byteRate = Integer.toUnsignedLong(b.getInt(at + 16));
            } else if (ascii(a, at, "data")) {
                long data = Math.min(size, a.length - at - 8L); // a streamed WAV may declare more than it holds
                return byteRate > 0 ? (double) data / byteRate : null;
            }
            at += 8 + (int) Math.min(size + (size & 1), Integer.MAX_VALUE - at - 8L);
        }
        return null;
    }

    private static Double flac(byte[] a) {
        // "fLaC", then the STREAMINFO block header (4 bytes): sample rate 20 bits and total samples 36 bits at offset 18
        if (a.length < 8 + 34 || !ascii(a, 0, "fLaC") || (a[4] & 0x7f) != 0) {
            return null;
        }
        int s = 8;
        long rate = ((a[s + 10] & 0xffL) << 12) | ((a[s + 11] & 0xffL) << 4) | ((a[s + 12] & 0xf0L) >> 4);
        long samples = ((a[s + 13] & 0x0fL) << 32) | ((a[s + 14] & 0xffL) << 24) | ((a[s + 15] & 0xffL) << 16)
                | ((a[s + 16] & 0xffL) << 8) | (a[s + 17] & 0xffL);
        return rate > 0 && samples > 0 ? (double) samples / rate : null;
    }

    private static boolean ascii(byte[] a, int at, String tag) {
        if (at + tag.length() > a.length) {
            return false;
        }
        for (int i = 0; i < tag.length(); i++) {
            if (a[at + i] != tag.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
