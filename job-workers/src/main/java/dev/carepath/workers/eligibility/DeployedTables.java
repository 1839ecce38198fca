package dev.carepath.workers.eligibility;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * The decision tables in force: the engine's latest tenant-less version of a decision, which is what clinical ops
 * deploy through the portal (console or {@code /v1/admin/decisions}) without redeploying anything. The table the
 * workers' jar ships is only the engine's first version; evaluating it here would ignore every later deployment.
 *
 * <p>Each evaluation asks the engine which version is the latest (one small read); the table's XML is fetched and
 * parsed once per version. When the engine cannot be reached the evaluation fails and its task is retried, then
 * becomes an incident: a patient is never judged by a table that may no longer be in force. The calls authenticate
 * as the workers' engine account, which may read the eligibility decision and nothing else of the repository
 * (engine: EngineAuthorizations, ServiceAccountEndpoints).
 */
@Component
class DeployedTables {

    /** A version of a decision as deployed, parsed by {@code parse}. */
    record Version<T>(String definitionId, int version, T table) {
    }

    private static final Logger log = LoggerFactory.getLogger(DeployedTables.class);

    private final RestClient engine;
    private final Map<String, Version<?>> parsed = new ConcurrentHashMap<>();

    DeployedTables(RestClient.Builder builder, @Value("${carepath.decisions.engine-url:${camunda.bpm.client.base-url}}") String engineUrl,
            @Value("${camunda.bpm.client.basic-auth.username}") String user,
            @Value("${camunda.bpm.client.basic-auth.password}") String password,
            @Value("${carepath.decisions.engine-timeout:10s}") Duration timeout) {
        var requests = new JdkClientHttpRequestFactory(HttpClient.newBuilder().connectTimeout(timeout).build());
        requests.setReadTimeout(timeout);
        this.engine = builder.clone().baseUrl(engineUrl).requestFactory(requests)
                .defaultHeaders(headers -> headers.setBasicAuth(user, password)).build();
    }

    /**
     * The latest version of decision {@code key}, its XML turned into a table by {@code parse} the first time that
     * version is seen.
     *
     * @throws IllegalStateException when the engine cannot be reached, fails or has no such decision
     */
    @SuppressWarnings("unchecked")
    <T> Version<T> latest(String key, Function<byte[], T> parse) {
        JsonNode definition = get("/decision-definition/key/{key}", key);
        String id = definition.path("id").asText();
        Version<?> known = parsed.get(key);
        if (known != null && known.definitionId().equals(id)) {
            return (Version<T>) known;
        }
        String xml = get("/decision-definition/{id}/xml", id).path("dmnXml").asText();
        if (xml.isEmpty()) {
            throw new IllegalStateException("the engine gave no XML for decision " + id);
        }
        Version<T> version = new Version<>(id, definition.path("version").asInt(),
                parse.apply(xml.getBytes(StandardCharsets.UTF_8)));
        parsed.put(key, version);
        log.info("decision {}: version {} is in force ({})", key, version.version(), id);
        return version;
    }

    private JsonNode get(String path, String variable) {
        try {
            JsonNode body = engine.get().uri(path, variable).retrieve().body(JsonNode.class);
            if (body == null) {
                throw new IllegalStateException("the engine answered " + path + " without a body");
            }
            return body;
        } catch (RestClientException e) {
            // The exception's message may quote the engine's answer: only the call and the kind of failure go on.
            throw new IllegalStateException("the engine's decision tables could not be read (GET "
                    + path.replace("{key}", variable).replace("{id}", variable) + "): " + e.getClass().getSimpleName());
        }
    }
}
