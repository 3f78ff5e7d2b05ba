package io.novix.api.platform;

import io.novix.core.inference.boundary.Preflight;
import io.novix.core.kernel.ErrorCode;
import io.novix.core.kernel.Reply;
import io.novix.core.kernel.OneInstance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Optional;

/**
 * Limits before work (hardening class 4): every route's body is bounded before it is read — JSON
 * APIs {@code NOVIX_LIMITS_JSON_BYTES} (1 MiB), audio uploads {@code NOVIX_LIMITS_AUDIO_BYTES}
 * (25 MiB plus the form's overhead), images {@code NOVIX_LIMITS_IMAGE_BYTES} (10 MiB) — and on the
 * inference routes a body of any size beyond 64 KiB (or of unknown size) is read only after the
 * credential has been accepted. Over the limit: 413 {@code payload_too_large}. Applied by the JAX-RS
 * filter {@link BodyLimits} and by the inference servlet alike.
 */
@OneInstance
public class BodyRules {

    private static final long SMALL = 64 * 1024;

    @Inject
    @ConfigProperty(name = "novix.limits.json-bytes", defaultValue = "1048576")
    long jsonBytes;

    @Inject
    @ConfigProperty(name = "novix.limits.audio-bytes", defaultValue = "27262976")
    long audioBytes;

    @Inject
    @ConfigProperty(name = "novix.limits.image-bytes", defaultValue = "10485760")
    long imageBytes;

    @Inject
    Preflight preflight;

    /**
     * The answer to give before the body is read, if any: its declared length is over the route's
     * limit, or it is large or of unknown length and the credential is refused.
     */
    public Optional<Reply> refusal(String path, long limit, long declared, String authorization, String requestId,
                                   String remoteAddr) {
        if (declared > limit) {
            return Optional.of(tooLarge(limit, requestId));
        }
        if (inference(path) && (declared < 0 || declared > SMALL)) {
            return preflight.refusal(authorization, path, requestId, remoteAddr);
        }
        return Optional.empty();
    }

    public long limit(String path, String contentType) {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (path.startsWith("/v1/audio/") || (nativeFace(path) && (type.startsWith("audio/") || type.startsWith("video/")))) {
            return audioBytes;
        }
        if (nativeFace(path) && type.startsWith("image/")) {
            return imageBytes;
        }
        return jsonBytes;
    }

    private static boolean nativeFace(String path) {
        return path.startsWith("/models/") || path.startsWith("/hf-inference/models/");
    }

    private static boolean inference(String path) {
        return path.startsWith("/v1/") || nativeFace(path);
    }

    public static Reply tooLarge(long limit, String requestId) {
        return Reply.error(ErrorCode.PAYLOAD_TOO_LARGE, "the body is larger than this route accepts (" + limit + " bytes)",
                null, requestId);
    }

    /** Stops reading at the limit: a body without a Content-Length cannot grow past it either. */
    public static final class Bounded extends FilterInputStream {

        private final long limit;
        private long read;

        public Bounded(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count(b < 0 ? 0 : 1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int off, int len) throws IOException {
            int n = super.read(buffer, off, (int) Math.min(len, limit - read + 1));
            count(Math.max(n, 0));
            return n;
        }

        private void count(int n) throws IOException {
            read += n;
            if (read > limit) {
                throw new BodyTooLarge(limit);
            }
        }
    }

    /** Thrown while the body is read; answered 413 (see {@link Failures}). */
    public static final class BodyTooLarge extends IOException {
        private final long limit;

        BodyTooLarge(long limit) {
            super("body over " + limit + " bytes");
            this.limit = limit;
        }

        public long limit() {
            return limit;
        }
    }
}
