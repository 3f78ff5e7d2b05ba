package io.novix.api.platform;

import io.novix.core.inference.boundary.Preflight;
import io.novix.core.kernel.ErrorCode;
import io.novix.core.kernel.Reply;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
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
 * credential has been accepted. Over the limit: 413 {@code payload_too_large}.
 */
@Provider
@PreMatching
@Priority(Priorities.USER + 100) // after RequestIdFilter: refusals carry the request id
public class BodyLimits implements ContainerRequestFilter {

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

    @Context
    HttpServletRequest servletRequest;

    @Override
    public void filter(ContainerRequestContext request) {
        String method = request.getMethod();
        if ("GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method)) {
            return;
        }
        String path = "/" + request.getUriInfo().getPath(false).replaceFirst("^/+", "");
        long limit = limit(path, request.getHeaderString(HttpHeaders.CONTENT_TYPE));
        long declared = request.getLength();
        String requestId = RequestIdFilter.of(request);
        if (declared > limit) {
            request.abortWith(Replies.toResponse(tooLarge(limit, requestId), requestId));
            return;
        }
        if (inference(path) && (declared < 0 || declared > SMALL)) {
            Optional<Reply> refused = preflight.refusal(request.getHeaderString(HttpHeaders.AUTHORIZATION), path, requestId,
                    servletRequest.getRemoteAddr());
            if (refused.isPresent()) {
                request.abortWith(Replies.toResponse(refused.get(), requestId));
                return;
            }
        }
        request.setEntityStream(new Bounded(request.getEntityStream(), limit));
    }

    private long limit(String path, String contentType) {
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

    static Reply tooLarge(long limit, String requestId) {
        return Reply.error(ErrorCode.PAYLOAD_TOO_LARGE, "the body is larger than this route accepts (" + limit + " bytes)",
                null, requestId);
    }

    /** Stops reading at the limit: a body without a Content-Length cannot grow past it either. */
    static final class Bounded extends FilterInputStream {

        private final long limit;
        private long read;

        Bounded(InputStream in, long limit) {
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

    /** Thrown while the body is read; mapped to 413 by {@link ErrorMappers}. */
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
