package io.novix.core.inference.entity;

import io.novix.hf.TaskAnswers;

import java.util.Locale;

/** SubRip and WebVTT from Whisper's timestamped chunks. */
final class Subtitles {

    private Subtitles() {
    }

    static String of(TaskAnswers.Transcript t, boolean vtt) {
        StringBuilder out = new StringBuilder(vtt ? "WEBVTT\n\n" : "");
        for (int i = 0; i < t.chunks().size(); i++) {
            TaskAnswers.Chunk c = t.chunks().get(i);
            if (!vtt) {
                out.append(i + 1).append('\n');
            }
            out.append(time(c.start(), vtt)).append(" --> ").append(time(c.end(), vtt)).append('\n')
                    .append(c.text().strip()).append("\n\n");
        }
        return out.toString();
    }

    private static String time(double seconds, boolean vtt) {
        long ms = Math.round(seconds * 1000);
        return String.format(Locale.ROOT, "%02d:%02d:%02d%s%03d", ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60,
                vtt ? "." : ",", ms % 1000);
    }
}
