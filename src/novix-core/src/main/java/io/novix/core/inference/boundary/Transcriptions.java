package io.novix.core.inference.boundary;

import io.novix.core.inference.control.CallLedger;
import io.novix.core.inference.control.InferenceSettings;
import io.novix.core.inference.control.Upstream;
import io.novix.core.inference.entity.Call;
import io.novix.core.inference.entity.TokenEstimate;
import io.novix.core.inference.entity.TranscriptionRequest;
import io.novix.core.platform.boundary.Gate;
import io.novix.core.platform.entity.InvalidRequest;
import io.novix.core.platform.entity.MultipartForm;
import io.novix.core.platform.entity.Reply;
import io.novix.core.token.entity.Authentication;
import io.novix.core.token.entity.Scope;
import io.novix.hf.TaskAnswers;
import io.novix.hf.Usage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * {@code POST /v1/audio/transcriptions}: an OpenAI multipart upload to Whisper on Hugging Face
 * (automatic-speech-recognition), answered as json, text, verbose_json, srt or vtt.
 */
@ApplicationScoped
public class Transcriptions {

    static final String ACTION = "inference.audio";
    static final String TASK = "automatic-speech-recognition";

    @Inject
    Gate gate;

    @Inject
    InferenceSettings settings;

    @Inject
    Upstream upstream;

    @Inject
    CallLedger ledger;

    public CompletionStage<Reply> transcribe(String authorization, String contentType, byte[] body, String requestId) {
        long started = System.nanoTime();
        Instant at = Instant.now();
        Authentication auth = gate.authenticate(authorization, Scope.INFERENCE_AUDIO, at);
        if (!auth.granted()) {
            return gate.deny(auth, ACTION, "/v1/audio/transcriptions", requestId, started, at);
        }
        Call call = new Call(auth.caller().orElseThrow(), ACTION, TASK, requestId, started, at);
        TranscriptionRequest request;
        try {
            request = TranscriptionRequest.parse(MultipartForm.parse(contentType, body), settings.defaults());
        } catch (InvalidRequest e) {
            int status = "file_too_large".equals(e.code()) ? 413 : "unsupported_media_type".equals(e.code()) ? 415 : 400;
            return ledger.finish(Reply.error(status, e.code(), e.getMessage(), e.param(), requestId), call, Usage.NONE, null);
        }
        call.about(request.model(), TASK);
        Optional<Reply> full = ledger.admit(call);
        if (full.isPresent()) {
            return ledger.finish(full.get(), call, Usage.NONE, null);
        }
        byte[] upstreamBody = request.upstreamBody();
        return ledger.serve(call, route -> upstream.task(route, request.model(), TASK, request.upstreamType(), upstreamBody)
                .thenApply(outcome -> CallLedger.Shaped.of(outcome, answer -> TaskAnswers.transcript(answer.body())
                        .map(transcript -> {
                            Map.Entry<String, byte[]> reply = request.answer(transcript);
                            return new CallLedger.Served(Reply.ok(reply.getValue(), reply.getKey()),
                                    new Usage(0, TokenEstimate.of(transcript.text())));
                        }))));
    }
}
