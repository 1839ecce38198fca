package dev.carepath.workers.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.client.ExternalTaskClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/**
 * Graceful shutdown of the workers: stopping stops the fetches and waits for the task in hand, which completes. The
 * engine is a stand-in serving the external-task REST API the real client speaks (fetch one task, then none).
 */
class ExternalTaskDrainTest {

    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final AtomicInteger fetches = new AtomicInteger();
    private HttpServer engine;
    private ExternalTaskClient client;

    @AfterEach
    void stop() {
        if (client != null) {
            client.stop();
        }
        if (engine != null) {
            engine.stop(0);
        }
    }

    private void answer(HttpExchange exchange, int status, String body) throws IOException {
        exchange.getRequestBody().readAllBytes();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, status == 204 ? -1 : bytes.length);
        if (status != 204) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    @Test
    void stoppingFinishesTheTaskInHandAndFetchesNoMore() throws Exception {
        engine = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        engine.createContext("/engine-rest/external-task/fetchAndLock", exchange -> {
            boolean first = fetches.incrementAndGet() == 1;
            answer(exchange, 200, first ? """
                    [{"id":"task-1","topicName":"charge-payment","workerId":"w","retries":null,"variables":{}}]"""
                    : "[]");
        });
        engine.createContext("/engine-rest/external-task/task-1/complete", exchange -> {
            calls.add("complete");
            answer(exchange, 204, "");
        });
        engine.start();

        CountDownLatch inHand = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        client = ExternalTaskClient.create()
                .baseUrl("http://127.0.0.1:" + engine.getAddress().getPort() + "/engine-rest")
                .workerId("w").asyncResponseTimeout(200L).disableBackoffStrategy().build();
        client.subscribe("charge-payment").handler((task, service) -> {
            inHand.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            service.complete(task, Map.of());
            calls.add("handled");
        }).open();
        var drain = new ExternalTaskDrain(new StaticListableBeanFactory(Map.of("client", client))
                .getBeanProvider(ExternalTaskClient.class));
        drain.start();
        assertThat(inHand.await(30, TimeUnit.SECONDS)).as("the task was fetched").isTrue();

        CountDownLatch stopped = new CountDownLatch(1);
        drain.stop(() -> {
            calls.add("stopped");
            stopped.countDown();
        });
        assertThat(stopped.getCount()).as("stop waits for the task in hand").isEqualTo(1);
        release.countDown();

        await().atMost(Duration.ofSeconds(30)).until(() -> stopped.getCount() == 0);
        assertThat(calls).containsExactly("complete", "handled", "stopped");
        assertThat(drain.isRunning()).isFalse();
        assertThat(client.isActive()).as("the client fetches no more").isFalse();
    }
}
