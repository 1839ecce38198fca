package dev.carepath.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class IdempotentRepliesTest {

    private final IdempotentReplies replies = new IdempotentReplies();
    private final AtomicInteger sideEffects = new AtomicInteger();

    @Test
    void aRepeatedRequestGetsTheRecordedReplyWithoutRepeatingTheSideEffect() {
        Reply first = replies.once("k1", "request", this::charge);
        Reply second = replies.once("k1", "request", this::charge);

        assertThat(sideEffects).hasValue(1);
        assertThat(first.replayed()).isFalse();
        assertThat(second.replayed()).isTrue();
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(second.status()).isEqualTo(HttpStatus.CREATED);
    }

    @Test
    void aDifferentRequestUnderAUsedKeyIsAConflict() {
        replies.once("k1", "request", this::charge);

        Reply conflict = replies.once("k1", "another request", this::charge);

        assertThat(conflict.status()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(sideEffects).hasValue(1);
    }

    @Test
    void racingRequestsWithOneKeyRunTheSideEffectOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        // The side effect holds the door open for a while: only a broken implementation lets a second racer in.
        CountDownLatch secondSideEffect = new CountDownLatch(2);
        try {
            List<Callable<Reply>> racers = IntStream.range(0, 8).<Callable<Reply>>mapToObj(i -> () -> {
                start.await();
                return replies.once("k1", "request", () -> {
                    secondSideEffect.countDown();
                    awaitQuietly(secondSideEffect);
                    return charge();
                });
            }).toList();
            List<Future<Reply>> results = racers.stream().map(pool::submit).toList();
            start.countDown();

            List<Object> bodies = results.stream().map(IdempotentRepliesTest::get).map(Reply::body).distinct().toList();
            assertThat(sideEffects).hasValue(1);
            assertThat(bodies).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    private Reply charge() {
        return Reply.of(HttpStatus.CREATED, "charge-" + sideEffects.incrementAndGet());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(300, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Reply get(Future<Reply> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
