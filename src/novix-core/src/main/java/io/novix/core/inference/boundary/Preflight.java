package io.novix.core.inference.boundary;

import io.novix.core.access.boundary.RefusalThrottle;
import io.novix.core.identity.entity.Denial;
import io.novix.core.inference.control.Gate;
import io.novix.core.inference.control.InferenceTask;
import io.novix.core.inference.control.Settlement;
import io.novix.core.inference.entity.Call;
import io.novix.core.kernel.Reply;
import io.novix.core.kernel.OneInstance;
import jakarta.inject.Inject;

import java.util.Optional;

/**
 * The credential checked before a large body is read (hardening class 4): a caller without a valid
 * credential is refused, and audited as the pipeline would, without Novix reading what it sent.
 */
@OneInstance
public class Preflight {

    @Inject
    Gate gate;

    @Inject
    Settlement settlement;

    @Inject
    RefusalThrottle throttle;

    @Inject
    ChatCompletions chat;

    @Inject
    Completions completions;

    @Inject
    Embeddings embeddings;

    @Inject
    Images images;

    @Inject
    Transcriptions transcriptions;

    @Inject
    NativeInference nativeInference;

    /** The audited denial when the credential is refused; empty when the call may go on to be read. */
    public Optional<Reply> refusal(String authorization, String path, String requestId, String clientAddress) {
        Call call = Call.received(action(path), path, requestId, clientAddress);
        try {
            gate.authenticate(call, authorization);
            return Optional.empty(); // the pipeline authenticates again (from cache) and decides the rest
        } catch (Denial denial) {
            boolean heard = throttle.refused(clientAddress, denial.authentication().tenantHint());
            return Optional.of((heard ? settlement.refused(call, denial) : settlement.throttled(call)).join());
        }
    }

    /** The audit action of the face the path names, as its task declares it. */
    private String action(String path) {
        InferenceTask<?> task = path.startsWith("/v1/chat/") ? chat : path.startsWith("/v1/completions") ? completions
                : path.startsWith("/v1/embeddings") ? embeddings : path.startsWith("/v1/images/") ? images
                : path.startsWith("/v1/audio/") ? transcriptions : nativeInference;
        return task.action();
    }
}
