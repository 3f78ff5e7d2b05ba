package io.novix.hf;

import java.net.URI;

/** URL rules of the Hugging Face router, Inference Endpoints, and self-hosted TGI / TEI. */
public final class Endpoints {

    private Endpoints() {
    }

    /** Like {@code @huggingface/inference}: append {@code /v1/chat/completions} unless already there. */
    public static URI chatCompletions(URI base) {
        return openAi(base, "/chat/completions");
    }

    /** The legacy completions route of TGI and the router: {@code /v1/completions}. */
    public static URI completions(URI base) {
        return openAi(base, "/completions");
    }

    private static URI openAi(URI base, String operation) {
        String s = base.toString();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.endsWith(operation)) {
            return URI.create(s);
        }
        return URI.create(s.endsWith("/v1") ? s + operation : s + "/v1" + operation);
    }

    /** How an upstream takes task calls. */
    public enum Style {
        /** the router: {@code {base}/hf-inference/models/{model}} */
        ROUTER,
        /** a dedicated Inference Endpoint: the task body goes to its URL itself */
        ENDPOINT,
        /** self-hosted TGI ({@code /generate}, {@code /generate_stream}) or TEI ({@code /embed}) */
        TGI_TEI
    }

    /** Where a task call goes. {@code model} may carry a {@code :provider} suffix; it is not part of a URL. */
    public static URI task(URI base, Style style, String model, String task, boolean stream) {
        String s = trimmed(base);
        return switch (style) {
            case ROUTER -> {
                String root = s.endsWith("/v1") ? s.substring(0, s.length() - 3) : s;
                String path = root + "/hf-inference/models/" + withoutProvider(model);
                yield URI.create("feature-extraction".equals(task) ? path + "/pipeline/feature-extraction" : path);
            }
            case ENDPOINT -> URI.create(s);
            case TGI_TEI -> switch (task) {
                case "text-generation" -> URI.create(s + (stream ? "/generate_stream" : "/generate"));
                case "feature-extraction" -> URI.create(s + "/embed");
                default -> URI.create(s);
            };
        };
    }

    static String withoutProvider(String model) {
        int colon = model.indexOf(':');
        return colon < 0 ? model : model.substring(0, colon);
    }

    private static String trimmed(URI base) {
        String s = base.toString();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }
}
