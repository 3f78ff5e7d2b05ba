package io.novix.core.kernel;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MultipartFormTest {

    private static final String TYPE = "multipart/form-data; boundary=----b0und";

    private static byte[] body(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void readsFieldsAndBinaryFilesExactly() {
        byte[] audio = {0, 1, 2, (byte) 0xff, '\r', '\n', '-', '-'};
        String head = "------b0und\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\nwhisper-1\r\n"
                + "------b0und\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.wav\"\r\nContent-Type: audio/wav\r\n\r\n";
        byte[] all = new byte[head.length() + audio.length + 16];
        System.arraycopy(body(head), 0, all, 0, head.length());
        System.arraycopy(audio, 0, all, head.length(), audio.length);
        System.arraycopy(body("\r\n------b0und--\r\n"), 0, all, head.length() + audio.length, 16);
        MultipartForm form = MultipartForm.parse(TYPE, all);
        assertEquals("whisper-1", form.text("model").orElseThrow());
        MultipartForm.Part file = form.part("file").orElseThrow();
        assertEquals("a.wav", file.filename().orElseThrow());
        assertEquals("audio/wav", file.mediaType().orElseThrow());
        assertArrayEquals(audio, file.content(), "CRLF and dashes inside the file are data, not boundaries");
    }

    @Test
    void quotedBoundaryIsUnderstood() {
        MultipartForm form = MultipartForm.parse("multipart/form-data; boundary=\"q q\"",
                body("--q q\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--q q--"));
        assertEquals("1", form.text("a").orElseThrow());
    }

    @Test
    void brokenBodiesAreInvalidMultipart() {
        assertEquals("invalid_multipart", assertThrows(InvalidRequest.class, () -> MultipartForm.parse("application/json", body("{}"))).code().code());
        assertEquals("invalid_multipart", assertThrows(InvalidRequest.class, () -> MultipartForm.parse(TYPE, body("no boundary here"))).code().code());
        assertEquals("invalid_multipart", assertThrows(InvalidRequest.class, () -> MultipartForm.parse(TYPE,
                body("------b0und\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nunterminated"))).code().code());
        assertEquals("invalid_multipart", assertThrows(InvalidRequest.class, () -> MultipartForm.parse(TYPE,
                body("------b0und\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n"
                        + "------b0und\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n2\r\n------b0und--"))).code().code());
    }

    @Test
    void boundariesAreBoundedAndTheSearchIsLinear() {
        String huge = "a".repeat(100_000);
        assertEquals("invalid_multipart", assertThrows(InvalidRequest.class, () -> MultipartForm.parse(
                "multipart/form-data; boundary=" + huge, huge.getBytes(StandardCharsets.ISO_8859_1))).code().code());
        assertEquals("invalid_multipart", assertThrows(InvalidRequest.class, () -> MultipartForm.parse(
                "multipart/form-data; boundary=\"${x}\"", "x".getBytes(StandardCharsets.ISO_8859_1))).code().code());
        byte[] text = "aaaaaabaaaaaaab--a".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(7, MultipartForm.indexOf(text, "aaaaaaab".getBytes(StandardCharsets.ISO_8859_1), 0));
        assertEquals(-1, MultipartForm.indexOf(text, "aab-x".getBytes(StandardCharsets.ISO_8859_1), 0));
        assertEquals(16, MultipartForm.indexOf(text, "-a".getBytes(StandardCharsets.ISO_8859_1), 3));
    }
}
