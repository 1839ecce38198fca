package dev.carepath.portal.console;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * The engine REST API as far as the console goes, as the console's engine account ({@code portalconsole}, group {@code portal-console}, which the
 * engine limits to exactly these calls): a journey's running instance (business key = journey id), where it stands
 * (its activity tree's leaves), its open incidents, a retry of one, and the open task count of a candidate group.
 * Every call may fail with {@link Unavailable}: the pages show that instead of the engine's part.
 */
@Component
class EngineJourneys {

    /** The engine could not be reached or failed; nothing is known to have changed. */
    static class Unavailable extends RuntimeException {
        Unavailable(Throwable cause) {
            super("the engine REST API is unavailable", cause);
        }
    }

    /** A running cycle of a journey. */
    record Instance(String id, String definitionId, String tenantId) {
    }

    /** An open incident: {@code configuration} is the failed external task's or job's id. */
    public record Incident(String id, String type, String activityId, String message, String configuration,
            OffsetDateTime openedAt) {

        public boolean retriable() {
            return "failedExternalTask".equals(type) || "failedJob".equals(type);
        }
    }

    private final RestClient http;

    EngineJourneys(ConsoleProperties properties, RestClient.Builder builder) {
        ConsoleProperties.Engine engine = properties.engine();
        var requestFactory = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(engine.timeout()).build());
        requestFactory.setReadTimeout(engine.timeout());
        this.http = builder.clone()
                .baseUrl(engine.url().toString())
                .requestFactory(requestFactory)
                .defaultHeaders(headers -> headers.setBasicAuth(engine.user(), engine.password()))
                .build();
    }

    /** The journey's running instance (its current cycle), if one runs. */
    Optional<Instance> running(UUID journeyId) {
        JsonNode instances = call(() -> http.get().uri("/process-instance?businessKey={key}", journeyId)
                .retrieve().body(JsonNode.class));
        for (JsonNode instance : instances) {
            if (!instance.path("ended").asBoolean(false)) {
                return Optional.of(new Instance(instance.path("id").asText(), instance.path("definitionId").asText(),
                        instance.path("tenantId").asText(null)));
            }
        }
        return Optional.empty();
    }

    /** Where the instance stands: the names of the activities that are active now (the tree's leaves). */
    List<String> currentActivities(String instanceId) {
        JsonNode tree = call(() -> http.get().uri("/process-instance/{id}/activity-instances", instanceId)
                .retrieve().body(JsonNode.class));
        List<String> names = new ArrayList<>();
        leaves(tree, names);
        return names;
    }

    private static void leaves(JsonNode node, List<String> names) {
        JsonNode children = node.path("childActivityInstances");
        JsonNode transitions = node.path("childTransitionInstances");
        if (children.isEmpty() && transitions.isEmpty() && !"processDefinition".equals(node.path("activityType").asText())) {
            names.add(label(node));
            return;
        }
        children.forEach(child -> leaves(child, names));
        transitions.forEach(transition -> names.add(label(transition)));
    }

    private static String label(JsonNode node) {
        String name = node.path("activityName").asText("");
        String id = node.path("activityId").asText("");
        return name.isBlank() ? id : name + " (" + id + ")";
    }

    /** The instance's open incidents, oldest first. */
    List<Incident> incidents(String instanceId) {
        JsonNode incidents = call(() -> http.get()
                .uri("/incident?processInstanceId={id}&sortBy=incidentTimestamp&sortOrder=asc", instanceId)
                .retrieve().body(JsonNode.class));
        List<Incident> open = new ArrayList<>();
        for (JsonNode incident : incidents) {
            open.add(incidentOf(incident));
        }
        return open;
    }

    /** One open incident of the instance, if it has it. */
    Optional<Incident> incident(String instanceId, String incidentId) {
        return incidents(instanceId).stream().filter(incident -> incident.id().equals(incidentId)).findFirst();
    }

    /** Gives the failed step of {@code incident} one more try: the engine resolves the incident and runs it again. */
    void retry(Incident incident) {
        String path = switch (incident.type()) {
            case "failedExternalTask" -> "/external-task/{id}/retries";
            case "failedJob" -> "/job/{id}/retries";
            default -> throw new IllegalArgumentException("not a retriable incident: " + incident.type());
        };
        call(() -> http.put().uri(path, incident.configuration()).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("retries", 1)).retrieve().toBodilessEntity());
    }

    /** How many open tasks {@code group} may claim. */
    long openTasks(String group) {
        JsonNode count = call(() -> http.get().uri("/task/count?candidateGroup={group}", group)
                .retrieve().body(JsonNode.class));
        return count.path("count").asLong();
    }

    private static Incident incidentOf(JsonNode incident) {
        String at = incident.path("incidentTimestamp").asText(null);
        return new Incident(incident.path("id").asText(), incident.path("incidentType").asText(),
                incident.path("activityId").asText(), incident.path("incidentMessage").asText(""),
                incident.path("configuration").asText(), at == null ? null : OffsetDateTime.parse(at,
                        java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ")));
    }

    private static <T> T call(java.util.function.Supplier<T> request) {
        try {
            T answer = request.get();
            if (answer == null) {
                throw new Unavailable(null);
            }
            return answer;
        } catch (RestClientException e) {
            throw new Unavailable(e);
        }
    }
}
