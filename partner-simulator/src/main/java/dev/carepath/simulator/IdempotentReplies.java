package dev.carepath.simulator;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;

/**
 * What a partner remembers per idempotency key: the request it first saw and the reply it gave. The first
 * request with a key runs its action exactly once, even when several arrive at the same moment; a repeat of the
 * same request gets the recorded reply back (marked as a replay); a different request under a used key gets
 * 409 {@code idempotency_key_reused}. Failures are remembered too: a declined charge stays declined.
 */
public final class IdempotentReplies {

    /** The header in which callers send their idempotency key, as real processors expect it. */
    public static final String KEY_HEADER = "Idempotency-Key";

    private final ConcurrentMap<String, Recorded> recorded = new ConcurrentHashMap<>();

    /**
     * @param key     the idempotency key, scoped by the caller (e.g. processor and operation)
     * @param request what identifies the request (compared with {@code equals})
     * @param action  the side effect and its reply; runs at most once per key, and must not use this instance
     */
    public Reply once(String key, Object request, Supplier<Reply> action) {
        AtomicBoolean ranNow = new AtomicBoolean();
        Recorded first = recorded.computeIfAbsent(key, k -> {
            ranNow.set(true);
            return new Recorded(request, action.get());
        });
        if (ranNow.get()) {
            return first.reply();
        }
        if (!first.request().equals(request)) {
            return Reply.error(HttpStatus.CONFLICT, "idempotency_key_reused");
        }
        return first.reply().asReplay();
    }

    private record Recorded(Object request, Reply reply) {
    }
}
