package io.novix.core.inference.entity;

import io.novix.core.routing.entity.Task;

import io.novix.core.kernel.InvalidRequest;
import io.novix.core.kernel.MultipartForm;
import io.novix.hf.JsonBytes;
import io.novix.hf.TaskAnswers;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The OpenAI and Hugging Face-native request forms of the non-chat tasks. */
class TaskRequestsTest {

    private static final InferenceDefaults DEFAULTS = InferenceDefaults.from(name -> Optional.empty());

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String code(Runnable r) {
        return assertThrows(InvalidRequest.class, r::run).code().code();
    }

    @Test
    void embeddingsTakeAStringOrListAndAnswerFloatsOrBase64() {
        EmbeddingRequest one = EmbeddingRequest.parse(b("{\"input\":\"hi\"}"), DEFAULTS);
        assertEquals("BAAI/bge-small-en-v1.5", one.model());
        JsonObject upstream = JsonBytes.object(one.upstreamBody());
        assertEquals("hi", upstream.getJsonArray("inputs").getString(0));
        EmbeddingRequest packed = EmbeddingRequest.parse(b("{\"input\":[\"a\",\"b\"],\"encoding_format\":\"base64\"}"), DEFAULTS);
        JsonObject answer = JsonBytes.object(packed.answer(List.of(new float[] {1.5f, -2f}, new float[] {0f, 3f}), 9));
        byte[] raw = Base64.getDecoder().decode(answer.getJsonArray("data").getJsonObject(1).getString("embedding"));
        ByteBuffer floats = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0f, floats.getFloat());
        assertEquals(3f, floats.getFloat());
        assertEquals(9, answer.getJsonObject("usage").getInt("total_tokens"));
        assertNull(packed.answer(List.of(new float[] {1f}), 1), "a vector per input or nothing");
        assertEquals("unsupported_input", code(() -> EmbeddingRequest.parse(b("{\"input\":[[1,2]]}"), DEFAULTS)));
        assertEquals("missing_field", code(() -> EmbeddingRequest.parse(b("{}"), DEFAULTS)));
        assertEquals("unsupported_parameter", code(() -> EmbeddingRequest.parse(b("{\"input\":\"x\",\"dimensions\":8}"), DEFAULTS)));
        assertEquals("invalid_field", code(() -> EmbeddingRequest.parse(b("{\"input\":\"x\",\"encoding_format\":\"int8\"}"), DEFAULTS)));
    }

    @Test
    void imagesMapSizeAndSeedsAndRefuseOddSizes() {
        ImageRequest r = ImageRequest.parse(b("{\"prompt\":\"fox\",\"model\":\"dall-e-3\",\"n\":2,\"size\":\"512x768\",\"seed\":10}"), DEFAULTS);
        assertEquals("stabilityai/stable-diffusion-xl-base-1.0", r.model(), "OpenAI's model names mean the configured image model");
        JsonObject second = JsonBytes.object(r.upstreamBody(1));
        assertEquals("fox", second.getString("inputs"));
        assertEquals(512, second.getJsonObject("parameters").getInt("width"));
        assertEquals(768, second.getJsonObject("parameters").getInt("height"));
        assertEquals(11, second.getJsonObject("parameters").getInt("seed"), "each image its own seed");
        assertEquals("invalid_field", code(() -> ImageRequest.parse(b("{\"prompt\":\"x\",\"n\":5}"), DEFAULTS)));
        assertEquals("invalid_field", code(() -> ImageRequest.parse(b("{\"prompt\":\"x\",\"size\":\"1000x1004\"}"), DEFAULTS)));
        assertEquals("missing_field", code(() -> ImageRequest.parse(b("{\"n\":1}"), DEFAULTS)));
    }

    private static MultipartForm form(String type, String filename, String extra) {
        String body = "--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename + "\"\r\n"
                + (type == null ? "" : "Content-Type: " + type + "\r\n") + "\r\nRIFFxxxx\r\n" + extra + "--B--\r\n";
        return MultipartForm.parse("multipart/form-data; boundary=B", b(body));
    }

    @Test
    void transcriptionsKnowAudioByTypeOrExtensionAndAskForTimestampsOnlyWhenNeeded() {
        TranscriptionRequest plain = TranscriptionRequest.parse(form("application/octet-stream", "talk.flac", ""), DEFAULTS);
        assertEquals("audio/flac", plain.upstreamType());
        assertArrayEquals(b("RIFFxxxx"), plain.upstreamBody(), "raw audio goes up unchanged");
        TranscriptionRequest timed = TranscriptionRequest.parse(form("audio/wav", "t.wav",
                "--B\r\nContent-Disposition: form-data; name=\"response_format\"\r\n\r\nvtt\r\n"
                        + "--B\r\nContent-Disposition: form-data; name=\"language\"\r\n\r\nde\r\n"), DEFAULTS);
        JsonObject up = JsonBytes.object(timed.upstreamBody());
        assertTrue(up.getJsonObject("parameters").getBoolean("return_timestamps"));
        assertEquals("de", up.getJsonObject("parameters").getJsonObject("generate_kwargs").getString("language"));
        String vtt = new String(timed.answer(new TaskAnswers.Transcript(" Hallo Welt", List.of(
                new TaskAnswers.Chunk(" Hallo", 0, 1.25), new TaskAnswers.Chunk(" Welt", 1.25, 61.5)))).getValue(), StandardCharsets.UTF_8);
        assertEquals("WEBVTT\n\n00:00:00.000 --> 00:00:01.250\nHallo\n\n00:00:01.250 --> 00:01:01.500\nWelt\n\n", vtt);
        assertEquals("unsupported_media_type", code(() -> TranscriptionRequest.parse(form("text/plain", "notes.txt", ""), DEFAULTS)));
        assertEquals("unknown_field", code(() -> TranscriptionRequest.parse(form("audio/wav", "a.wav",
                "--B\r\nContent-Disposition: form-data; name=\"tenant\"\r\n\r\nother\r\n"), DEFAULTS)));
    }

    @Test
    void nativeRequestsTakeTheTaskFromPathRegistrationOrBody() {
        NativeRequest piped = NativeRequest.parse("org/m/pipeline/feature-extraction", "application/json",
                b("{\"inputs\":[\"a\"]}"), Optional.of(Task.TEXT_GENERATION));
        assertEquals("org/m", piped.model());
        assertEquals("feature-extraction", piped.task().hubName(), "the path wins");
        NativeRequest audio = NativeRequest.parse("openai/whisper-large-v3", "audio/flac", b("fLaC"), Optional.empty());
        assertEquals("automatic-speech-recognition", audio.task().hubName());
        assertFalse(audio.taskKnown());
        NativeRequest stream = NativeRequest.parse("org/tgi", "application/json; charset=utf-8",
                b("{\"inputs\":\"go\",\"stream\":true}"), Optional.of(Task.TEXT_GENERATION));
        assertTrue(stream.streaming());
        assertEquals("go", stream.inputText());
        assertEquals("unsupported_parameter", code(() -> NativeRequest.parse("org/img", "application/json",
                b("{\"inputs\":\"x\",\"stream\":true}"), Optional.of(Task.TEXT_TO_IMAGE))));
        assertEquals("invalid_model", code(() -> NativeRequest.parse("../etc/passwd", "application/json", b("{\"inputs\":1}"), Optional.empty())));
        assertEquals("unknown_field", code(() -> NativeRequest.parse("org/m", "application/json",
                b("{\"inputs\":\"x\",\"tenant\":\"other\"}"), Optional.empty())));
        assertEquals("unsupported_media_type", code(() -> NativeRequest.parse("org/m", "text/csv", b("a,b"), Optional.empty())));
    }
}
