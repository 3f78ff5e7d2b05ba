package io.novix.core.inference.boundary;

import io.novix.core.inference.control.CallLedger;
import io.novix.core.inference.control.InferenceSettings;
import io.novix.core.inference.control.Upstream;
import io.novix.core.inference.entity.Call;
import io.novix.core.inference.entity.TokenEstimate;
import io.novix.core.inference.entity.TranscriptionRequest;
import io.novix.core.kernel.MultipartForm;
import io.novix.core.kernel.Reply;
import io.novix.core.identity.entity.Scope;
import io.novix.hf.TaskAnswers;
import io.novix.hf.Usage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Map;
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
    InferenceSettings settings;

    @Inject
    Upstream upstream;

    @Inject
    CallLedger ledger;

    public CompletionStage<Reply> transcribe(String authorization, String contentType, byte[] body, String requestId) {
        return ledger.open(authorization, Scope.INFERENCE_AUDIO, ACTION, TASK, "/v1/audio/transcriptions", requestId,
                () -> TranscriptionRequest.parse(MultipartForm.parse(contentType, body), settings.defaults()),
                TranscriptionRequest::model, this::serve);
    }

    private CompletionStage<Reply> serve(Call call, TranscriptionRequest request) {
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
