package io.novix.core.policy.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;

/** What a model costs, in USD (the platform admin's price table). */
@Entity
@Table(name = "model_price")
public class ModelPrice {

    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);

    @Id
    @Column(name = "model_id", length = 200)
    private String modelId;
    @Column(name = "input_per_1k", nullable = false, precision = 14, scale = 8)
    private BigDecimal inputPer1k;
    @Column(name = "output_per_1k", nullable = false, precision = 14, scale = 8)
    private BigDecimal outputPer1k;
    @Column(name = "per_image", nullable = false, precision = 14, scale = 8)
    private BigDecimal perImage;
    @Column(name = "per_audio_second", nullable = false, precision = 14, scale = 8)
    private BigDecimal perAudioSecond;
    @Column(name = "per_embedding_token", nullable = false, precision = 14, scale = 10)
    private BigDecimal perEmbeddingToken;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;
    @Version
    private long version;

    protected ModelPrice() {
    }

    public ModelPrice(String modelId) {
        this.modelId = modelId;
    }

    public void set(Prices p, Instant now) {
        inputPer1k = p.inputPer1k();
        outputPer1k = p.outputPer1k();
        perImage = p.perImage();
        perAudioSecond = p.perAudioSecond();
        perEmbeddingToken = p.perEmbeddingToken();
        updatedAt = now;
    }

    public Prices prices() {
        return new Prices(inputPer1k, outputPer1k, perImage, perAudioSecond, perEmbeddingToken);
    }

    public String modelId() { return modelId; }
    public Instant updatedAt() { return updatedAt; }

    /** One model's prices; {@link #cost} of a call from what it used. */
    public record Prices(BigDecimal inputPer1k, BigDecimal outputPer1k, BigDecimal perImage, BigDecimal perAudioSecond,
                         BigDecimal perEmbeddingToken) {

        public static final Prices FREE = new Prices(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);

        public Prices {
            for (BigDecimal v : new BigDecimal[]{inputPer1k, outputPer1k, perImage, perAudioSecond, perEmbeddingToken}) {
                if (v == null || v.signum() < 0 || v.compareTo(BigDecimal.valueOf(1000)) > 0) {
                    throw new IllegalArgumentException("prices are USD amounts from 0 to 1000");
                }
            }
        }

        /** USD for {@code inputTokens} in, {@code outputTokens} out, images and audio seconds (embeddings: input tokens). */
        public BigDecimal cost(long inputTokens, long outputTokens, int images, double audioSeconds, boolean embedding) {
            BigDecimal in = embedding ? perEmbeddingToken.multiply(BigDecimal.valueOf(inputTokens))
                    : inputPer1k.multiply(BigDecimal.valueOf(inputTokens)).divide(THOUSAND, 10, RoundingMode.UP);
            BigDecimal out = outputPer1k.multiply(BigDecimal.valueOf(outputTokens)).divide(THOUSAND, 10, RoundingMode.UP);
            return in.add(out).add(perImage.multiply(BigDecimal.valueOf(images)))
                    .add(perAudioSecond.multiply(BigDecimal.valueOf(audioSeconds))).setScale(8, RoundingMode.UP);
        }
    }
}
