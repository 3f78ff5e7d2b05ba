package io.novix.core.inference.boundary;

import io.novix.core.inference.control.DeclaredTask;
import io.novix.core.inference.control.Exchange;
import io.novix.core.inference.control.Served;
import io.novix.core.inference.entity.AudioDuration;
import io.novix.core.inference.entity.Call;
import io.novix.core.inference.entity.Inbound;
import io.novix.core.kernel.Reply;
import io.novix.core.routing.entity.Task;
import io.novix.core.kernel.OneInstance;
import io.novix.core.inference.entity.TokenEstimate;
import io.novix.core.inference.entity.TranscriptionRequest;
import io.novix.core.kernel.MultipartForm;
import io.novix.hf.TaskAnswers;
import io.novix.hf.Usage;

import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * {@code POST /v1/audio/transcriptions}: an OpenAI multipart upload to Whisper on Hugging Face
 * (automatic-speech-recognition), answered as json, text, verbose_json, srt or vtt.
 */
@OneInstance
public class Transcriptions extends DeclaredTask<TranscriptionRequest> {

    public Transcriptions() {
        super("inference.audio", Task.AUTOMATIC_SPEECH_RECOGNITION);
    }

    public CompletionStage<Reply> transcribe(Inbound in) {
        return run(in);
    }

    @Override
    public TranscriptionRequest parse(Inbound in) {
        return TranscriptionRequest.parse(MultipartForm.parse(in.contentType(), in.body()), settings.defaults());
    }

    @Override
    public Demand demand(TranscriptionRequest request, Inbound in) {
        return new Demand(0, 0, 0, AudioDuration.seconds(request.audio())); // priced per second of audio, known from the upload
    }

    @Override
    public String model(TranscriptionRequest request) {
        return request.model();
    }

    @Override
    public Exchange exchange(Call call, TranscriptionRequest request) {
        byte[] body = request.upstreamBody();
        return new Exchange.Answer(route -> upstream.task(route, request.model(), Task.AUTOMATIC_SPEECH_RECOGNITION,
                        request.upstreamType(), body)
                .thenApply(outcome -> Served.FromEndpoint.of(outcome, answer -> TaskAnswers.transcript(answer.body())
                        .map(transcript -> {
                            Map.Entry<String, byte[]> reply = request.answer(transcript);
                            return new Served(Reply.ok(reply.getValue(), reply.getKey()),
                                    new Usage(0, TokenEstimate.of(transcript.text())));
                        }))));
    }
}
