package io.novix.core.routing.entity;

import io.novix.core.identity.entity.Scope;

import java.util.Arrays;
import java.util.Optional;

/**
 * The Hugging Face tasks Novix serves, by their hub names (what a model endpoint is registered
 * for, what {@code /pipeline/{task}} names, what the audit row's {@code task} says), each with the
 * scope a caller needs for it.
 */
public enum Task {
    CHAT_COMPLETION("chat-completion", Scope.INFERENCE_CHAT),
    TEXT_GENERATION("text-generation", Scope.INFERENCE_CHAT),
    FEATURE_EXTRACTION("feature-extraction", Scope.INFERENCE_EMBEDDINGS),
    TEXT_TO_IMAGE("text-to-image", Scope.INFERENCE_IMAGES),
    AUTOMATIC_SPEECH_RECOGNITION("automatic-speech-recognition", Scope.INFERENCE_AUDIO),
    IMAGE_TO_TEXT("image-to-text", Scope.INFERENCE_CHAT);

    private final String hubName;
    private final Scope scope;

    Task(String hubName, Scope scope) {
        this.hubName = hubName;
        this.scope = scope;
    }

    /** The task by its hub name; empty for a name Novix does not serve. */
    public static Optional<Task> named(String hubName) {
        return Arrays.stream(values()).filter(t -> t.hubName.equals(hubName)).findFirst();
    }

    /** The hub names, for messages that list what is accepted. */
    public static String names() {
        return Arrays.stream(values()).map(Task::hubName).toList().toString();
    }

    public String hubName() {
        return hubName;
    }

    /** The scope a caller needs to run this task. */
    public Scope scope() {
        return scope;
    }

    @Override
    public String toString() {
        return hubName;
    }
}
