package io.novix.hf;

import java.net.URI;

/** URL rules of the Hugging Face router and of TGI's OpenAI-compatible route. */
public final class Endpoints {

    private Endpoints() {
    }

    /** Like {@code @huggingface/inference}: append {@code /v1/chat/completions} unless already there. */
    public static URI chatCompletions(URI base) {
        String s = base.toString();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.endsWith("/chat/completions")) {
            return URI.create(s);
        }
        return URI.create(s.endsWith("/v1") ? s + "/chat/completions" : s + "/v1/chat/completions");
    }
}
