package it.novix;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.image.Image;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiEmbeddingModel;
import dev.langchain4j.model.openai.OpenAiImageModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.langchain4j.model.output.Response;
import io.novix.launcher.NovixStack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** LangChain4j's OpenAI models, configured only with Novix's URL and a Novix token, used as they come. */
class LangChain4jIT {

    private static NovixStack stack;
    private static String token;
    private static String baseUrl;
    private static UUID tenantId;

    @BeforeAll
    static void start() throws Exception {
        stack = Stacks.shared();
        Api api = new Api(stack.baseUrl(), stack.adminToken());
        String tenant = api.tenant("l-" + UUID.randomUUID().toString().substring(0, 8), "ENTERPRISE");
        tenantId = UUID.fromString(tenant);
        token = api.token(tenant, "inference:chat", "inference:embeddings", "inference:images").getString("token");
        baseUrl = stack.baseUrl() + "/v1";
    }

    @Test
    void chatModelGetsTheAnswerAndTokenUsage() throws Exception {
        OpenAiChatModel model = OpenAiChatModel.builder().baseUrl(baseUrl).apiKey(token)
                .modelName("HuggingFaceH4/zephyr-7b-beta").maxTokens(64).timeout(Duration.ofSeconds(30)).build();
        ChatResponse response = model.chat(UserMessage.from("Hello from LangChain4j"));
        assertEquals("Simulated answer from HuggingFaceH4/zephyr-7b-beta to: Hello from LangChain4j", response.aiMessage().text());
        assertTrue(response.tokenUsage().inputTokenCount() > 0);
        Map<String, Object> row = Db.query(stack, "SELECT tokens_in, tokens_out FROM audit_record WHERE tenant_id = ? "
                + "AND action = 'inference.chat' AND phase = 'OUTCOME' ORDER BY id DESC LIMIT 1", tenantId).get(0);
        assertEquals(response.tokenUsage().inputTokenCount(), ((Number) row.get("tokens_in")).intValue(),
                "the audit trail meters what LangChain4j was told");
        assertEquals(response.tokenUsage().outputTokenCount(), ((Number) row.get("tokens_out")).intValue());
    }

    @Test
    void streamingChatModelReceivesTokensAndTheCompleteResponse() throws Exception {
        OpenAiStreamingChatModel model = OpenAiStreamingChatModel.builder().baseUrl(baseUrl).apiKey(token)
                .modelName("HuggingFaceH4/zephyr-7b-beta").timeout(Duration.ofSeconds(30)).build();
        List<String> partials = new CopyOnWriteArrayList<>();
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        model.chat("Stream this please", new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String partial) {
                partials.add(partial);
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                done.complete(response);
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }
        });
        ChatResponse response = done.get(30, TimeUnit.SECONDS);
        String expected = "Simulated answer from HuggingFaceH4/zephyr-7b-beta to: Stream this please";
        assertEquals(expected, String.join("", partials));
        assertEquals(expected, response.aiMessage().text());
        assertTrue(partials.size() > 5, "token by token, not one block");
    }

    @Test
    void embeddingModelGetsOneVectorPerSegment() {
        OpenAiEmbeddingModel model = OpenAiEmbeddingModel.builder().baseUrl(baseUrl).apiKey(token)
                .modelName("BAAI/bge-small-en-v1.5").timeout(Duration.ofSeconds(30)).build();
        Response<Embedding> one = model.embed("What is Novix?");
        assertEquals(384, one.content().dimension());
        Response<Embedding> again = model.embed("What is Novix?");
        assertArrayEquals(one.content().vector(), again.content().vector(), "the same text embeds the same way");
        assertTrue(one.tokenUsage().inputTokenCount() > 0);
    }

    @Test
    void imageModelGetsAPng() {
        OpenAiImageModel model = OpenAiImageModel.builder().baseUrl(baseUrl).apiKey(token)
                .modelName("stabilityai/stable-diffusion-xl-base-1.0").size("256x256").responseFormat("b64_json")
                .timeout(Duration.ofSeconds(30)).build();
        Image image = model.generate("a lighthouse").content();
        byte[] png = Base64.getDecoder().decode(image.base64Data());
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, java.util.Arrays.copyOf(png, 4));
    }

}
