package dev.carepath.portal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carepath.contracts.client.ApiClient;
import dev.carepath.contracts.client.ApiException;
import dev.carepath.contracts.client.ApiResponse;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The portal's API through the Java client generated from the contract ({@code contracts}, package
 * {@code dev.carepath.contracts.client}): how the ITs send every request a client would build. Requests a client
 * refuses to build (malformed JSON, wrong types, hostile bytes) stay hand-written in the tests that need them.
 */
public final class ContractClient {

    private ContractClient() {
    }

    /** A client of the portal on {@code port} whose requests carry {@code token} as their bearer token. */
    public static ApiClient bearer(int port, String token) {
        return authenticated(port, request -> request.setHeader("Authorization", "Bearer " + token));
    }

    /** A client of the portal on {@code port} whose requests {@code credentials} completes (e.g. staff's token). */
    public static ApiClient authenticated(int port, Consumer<HttpRequest.Builder> credentials) {
        return new ApiClient(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)),
                ApiClient.createDefaultObjectMapper(), "http://localhost:" + port)
                .setReadTimeout(Duration.ofSeconds(10)).setRequestInterceptor(credentials);
    }

    /** A call of the generated client, which throws on any answer outside 2xx. */
    @FunctionalInterface
    public interface Call<T> {
        T call() throws ApiException;
    }

    /** The call's answer; an answer outside 2xx fails the test with its status and body. */
    public static <T> T ok(Call<T> call) {
        try {
            return call.call();
        } catch (ApiException e) {
            throw new AssertionError("answered " + e.getCode() + ": " + e.getResponseBody(), e);
        }
    }

    /** The refusal of a call that must be refused (its status, headers and problem body); fails if it succeeds. */
    public static ApiException refused(Call<?> call) {
        Object answer;
        try {
            answer = call.call();
        } catch (ApiException e) {
            return e;
        }
        throw new AssertionError("expected a refusal, got " + (answer instanceof ApiResponse<?> response
                ? response.getStatusCode() + " " + response.getData() : answer));
    }

    /**
     * The refusal of a call that must be refused as the problem {@code type} with {@code status}: an RFC 9457 body
     * of ours, with a title and a detail. Answers the problem.
     */
    public static JsonNode problem(int status, String type, Call<?> call) {
        ApiException refusal = refused(call);
        assertThat(refusal.getCode()).as("status of %s", refusal.getResponseBody()).isEqualTo(status);
        assertThat(refusal.getResponseHeaders().firstValue("Content-Type").orElse(""))
                .startsWith("application/problem+json");
        JsonNode problem;
        try {
            problem = new ObjectMapper().readTree(refusal.getResponseBody());
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + refusal.getResponseBody(), e);
        }
        assertThat(problem.path("type").asText()).isEqualTo("https://carepath.dev/problems/" + type);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("title").asText()).isNotBlank();
        assertThat(problem.path("detail").asText()).isNotBlank();
        return problem;
    }
}
