package io.novix.core.inference.entity;

import io.novix.core.kernel.ErrorCode;
import static io.novix.hf.JsonBytes.JSON;
import io.novix.core.kernel.InvalidRequest;
import io.novix.core.kernel.MultipartForm;
import io.novix.hf.TaskAnswers;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An OpenAI {@code POST /v1/audio/transcriptions} upload mapped to automatic-speech-recognition.
 * Plain {@code json}/{@code text} answers send the raw audio (as {@code @huggingface/inference}
 * does); formats with timings ask Whisper for timestamps through the JSON task form.
 */
public record TranscriptionRequest(String model, byte[] audio, String mediaType, String format,
                                   Optional<String> language) {

    public static final int MAX_BYTES = 25 * 1024 * 1024;
    private static final Set<String> FIELDS = Set.of("file", "model", "language", "prompt", "response_format",
            "temperature", "timestamp_granularities[]", "stream");
    private static final Set<String> FORMATS = Set.of("json", "text", "verbose_json", "srt", "vtt");
    private static final Set<String> OPENAI_ALIASES = Set.of("whisper-1", "gpt-4o-transcribe", "gpt-4o-mini-transcribe");
    private static final Map<String, String> BY_EXTENSION = Map.of("wav", "audio/wav", "flac", "audio/flac",
            "mp3", "audio/mpeg", "mpga", "audio/mpeg", "mpeg", "audio/mpeg", "ogg", "audio/ogg", "oga", "audio/ogg",
            "webm", "audio/webm", "m4a", "audio/mp4", "mp4", "audio/mp4");

    public static TranscriptionRequest parse(MultipartForm form, InferenceDefaults defaults) {
        for (String name : form.names()) {
            if (!FIELDS.contains(name)) {
                throw new InvalidRequest(ErrorCode.UNKNOWN_FIELD, "unknown field '" + name + "'", name);
            }
        }
        MultipartForm.Part file = form.part("file").orElseThrow(() ->
                new InvalidRequest(ErrorCode.MISSING_FIELD, "'file' (the audio) is required", "file"));
        if (file.content().length == 0) {
            throw new InvalidRequest(ErrorCode.INVALID_FIELD, "'file' is empty", "file");
        }
        if (file.content().length > MAX_BYTES) {
            throw new InvalidRequest(ErrorCode.FILE_TOO_LARGE, "'file' exceeds 25 MB", "file");
        }
        if (form.text("stream").map(s -> s.equals("true")).orElse(false)) {
            throw new InvalidRequest(ErrorCode.UNSUPPORTED_PARAMETER, "streamed transcription is not supported", "stream");
        }
        String model = form.text("model").map(String::strip).filter(m -> !m.isEmpty() && !OPENAI_ALIASES.contains(m))
                .orElse(defaults.asrModel());
        OpenAiFields.checkedModel(model);
        String format = form.text("response_format").map(String::strip).orElse("json");
        if (!FORMATS.contains(format)) {
            throw new InvalidRequest(ErrorCode.INVALID_FIELD, "'response_format' must be one of " + FORMATS, "response_format");
        }
        Optional<String> language = form.text("language").map(String::strip).filter(l -> !l.isEmpty());
        if (language.isPresent() && !language.get().matches("^[a-z]{2,3}$")) {
            throw new InvalidRequest(ErrorCode.INVALID_FIELD, "'language' must be an ISO-639-1 code such as 'en'", "language");
        }
        return new TranscriptionRequest(model, file.content(), mediaType(file), format, language);
    }

    private static String mediaType(MultipartForm.Part file) {
        Optional<String> declared = file.mediaType().map(t -> t.split(";")[0].trim().toLowerCase(Locale.ROOT))
                .filter(t -> t.startsWith("audio/") || t.startsWith("video/"));
        if (declared.isPresent()) {
            return declared.get();
        }
        String name = file.filename().orElse("").toLowerCase(Locale.ROOT);
        String extension = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : "";
        String type = BY_EXTENSION.get(extension);
        if (type == null) {
            throw new InvalidRequest(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "'file' must be audio (flac, m4a, mp3, mp4, mpeg, mpga, oga, ogg, wav or webm)", "file");
        }
        return type;
    }

    /** Whether the answer needs Whisper's timestamps (so the JSON task form is used). */
    public boolean timed() {
        return !"json".equals(format) && !"text".equals(format);
    }

    public String upstreamType() {
        return timed() ? "application/json" : mediaType;
    }

    public byte[] upstreamBody() {
        if (!timed()) {
            return audio;
        }
        JsonObjectBuilder parameters = JSON.createObjectBuilder().add("return_timestamps", true);
        language.ifPresent(l -> parameters.add("generate_kwargs", JSON.createObjectBuilder().add("language", l)));
        return JSON.createObjectBuilder().add("inputs", Base64.getEncoder().encodeToString(audio))
                .add("parameters", parameters).build().toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The answer in the asked format, and its media type. */
    public Map.Entry<String, byte[]> answer(TaskAnswers.Transcript t) {
        String text = t.text().strip();
        return switch (format) {
            case "text" -> Map.entry("text/plain; charset=utf-8", (text + "\n").getBytes(StandardCharsets.UTF_8));
            case "srt", "vtt" -> Map.entry("text/plain; charset=utf-8", Subtitles.of(t, "vtt".equals(format)).getBytes(StandardCharsets.UTF_8));
            case "verbose_json" -> Map.entry("application/json", verbose(t, text));
            default -> Map.entry("application/json", JSON.createObjectBuilder().add("text", text).build().toString()
                    .getBytes(StandardCharsets.UTF_8));
        };
    }

    private byte[] verbose(TaskAnswers.Transcript t, String text) {
        JsonArrayBuilder segments = JSON.createArrayBuilder();
        double duration = 0;
        for (int i = 0; i < t.chunks().size(); i++) {
            TaskAnswers.Chunk c = t.chunks().get(i);
            duration = Math.max(duration, c.end());
            segments.add(JSON.createObjectBuilder().add("id", i).add("seek", 0).add("start", c.start()).add("end", c.end())
                    .add("text", c.text()));
        }
        return JSON.createObjectBuilder().add("task", "transcribe").add("language", language.orElse("unknown"))
                .add("duration", duration).add("text", text).add("segments", segments)
                .build().toString().getBytes(StandardCharsets.UTF_8);
    }
}
