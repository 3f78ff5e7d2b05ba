package io.novix.core.inference.control;

import io.novix.core.inference.entity.Inbound;
import io.novix.core.kernel.Reply;
import io.novix.core.routing.entity.Task;
import jakarta.inject.Inject;

import java.util.concurrent.CompletionStage;

/**
 * What every fixed-task face shares: its audit action and task, the settings and upstream it talks
 * through, and running itself through the pipeline. A face adds only its parse, model and exchange.
 */
public abstract class DeclaredTask<R> implements InferenceTask<R> {

    @Inject
    protected InferenceSettings settings;

    @Inject
    protected Upstream upstream;

    @Inject
    Pipeline pipeline;

    private final String action;
    private final Task task;

    protected DeclaredTask(String action, Task task) {
        this.action = action;
        this.task = task;
    }

    /** The call, run through the pipeline. */
    public CompletionStage<Reply> run(Inbound in) {
        return pipeline.run(this, in);
    }

    @Override
    public String action() {
        return action;
    }

    @Override
    public Task task(R request) {
        return task;
    }
}
