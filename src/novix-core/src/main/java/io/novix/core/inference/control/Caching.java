package io.novix.core.inference.control;

import io.novix.core.cache.boundary.ResponseCache;
import io.novix.core.cache.entity.CacheKey;
import io.novix.core.cache.entity.CachePolicy;
import io.novix.core.cache.entity.CachedAnswer;
import io.novix.core.identity.entity.Caller;
import io.novix.core.inference.entity.Call;
import io.novix.core.kernel.Reply;
import io.novix.core.tenant.entity.ComplianceProfile;
import io.novix.hf.Usage;
import io.novix.core.kernel.OneInstance;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;

import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static io.novix.hf.JsonBytes.JSON;

/**
 * The response-cache stage (docs/cost-levers.md#response-cache), after admission and the
 * write-ahead entry: a cacheable call is answered from the cache ({@code hit}: nothing goes upstream,
 * audited CACHE_HIT with what it saved, still counted against the rate limits it passed), or goes
 * upstream and its 200 answer is kept ({@code miss}), or neither ({@code bypass}: the tenant's
 * settings, a restricted label, a request that is not deterministic, or the caller's Cache-Control).
 */
@OneInstance
public class Caching {

    @Inject
    ResponseCache cache;

    @Inject
    Settlement settlement;

    /** The answer from the cache, when the call may use it and it holds one. */
    public <R> Optional<CompletableFuture<Reply>> serve(Call call, Caller caller, InferenceTask<R> task, R request,
                                                        String cacheControl) {
        if (caller.tenant() == null || !task.cached()) {
            return Optional.empty();
        }
        ComplianceProfile profile = call.compliance() != null ? call.compliance()
                : caller.tier() == null ? ComplianceProfile.FEDRAMP_HIGH : caller.tier().policy().compliance();
        CachePolicy policy = cache.policyOf(caller.tenant(), profile);
        String directive = cacheControl == null ? "" : cacheControl.toLowerCase(Locale.ROOT);
        boolean noStore = directive.contains("no-store");
        boolean noCache = noStore || directive.contains("no-cache");
        String refused = policy.refusal(call.classification(), task.deterministic(request));
        Duration ttl = Duration.ofSeconds(policy.ttlSeconds());
        if (refused != null || noStore) { // decided before the key: most calls are not cacheable, and the key costs a canonical form
            call.cache(new Call.CacheUse("bypass", null, ttl, null));
            return Optional.empty();
        }
        CacheKey key = CacheKey.of(caller.tenant().value(), call.action(), call.model(), task.cacheForm(request));
        if (noCache) { // revalidate: the upstream answers, and its answer replaces the cached one
            call.cache(new Call.CacheUse("bypass", key, ttl, null));
            return Optional.empty();
        }
        Optional<CachedAnswer> hit = cache.find(key);
        if (hit.isEmpty()) {
            call.cache(new Call.CacheUse("miss", key, ttl, null));
            return Optional.empty();
        }
        call.cache(new Call.CacheUse("hit", null, ttl, hit.get().costUsd()));
        return Optional.of(settlement.answered(call, task.fromCache(request, hit.get().body()), Usage.NONE, null));
    }

    /** A streamed answer that completed, gathered as a whole chat completion, is kept like a whole one. */
    public void keepStreamed(Call call, byte[] completion) {
        if (completion != null) {
            keep(call, Reply.ok(completion));
        }
    }

    /** A whole 200 answer of a call that missed (or revalidated) is kept for the other callers of the tenant. */
    public Reply keep(Call call, Reply reply) {
        Call.CacheUse use = call.cacheUse();
        if (use == null || use.storeAs() == null || reply.status() != 200 || reply.streamed() || reply.body().length == 0) {
            return reply;
        }
        long in = 0;
        long out = 0;
        try {
            JsonObject answer = JSON.createReader(new StringReader(new String(reply.body(), StandardCharsets.UTF_8))).readObject();
            if (answer.get("usage") instanceof JsonObject usage) {
                in = usage.get("prompt_tokens") instanceof JsonNumber n ? n.longValue() : 0;
                out = usage.get("completion_tokens") instanceof JsonNumber n ? n.longValue() : 0;
            }
        } catch (RuntimeException notJson) {
            return reply; // only JSON answers are kept
        }
        cache.keep(use.storeAs(), call.model(), reply.body(), in, out, call.cost() == null ? BigDecimal.ZERO : call.cost(), use.ttl());
        return reply;
    }
}
