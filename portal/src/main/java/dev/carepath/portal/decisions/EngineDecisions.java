package dev.carepath.portal.decisions;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

/**
 * The engine REST API as far as decision tables go: deploy one table (tenant-less), and read the versions of a
 * decision (the latest, or all of them) with their XML. Calls authenticate with HTTP Basic as the portal's service account.
 */
@Component
class EngineDecisions {

    /** Deployment source of every table the portal deploys; the engine's start keeps such tables in force. */
    static final String DEPLOYMENT_SOURCE = "carepath-portal";

    /** A deployed version of a decision. */
    record Version(String decisionDefinitionId, String key, int version, String deploymentId) {
    }

    /** The engine answered 400 to a deployment: it cannot use the table. */
    static class RefusedException extends RuntimeException {
        RefusedException(Throwable cause) {
            super("the engine refused the decision table", cause);
        }
    }

    /** The engine could not be reached or failed; nothing is known to have changed. */
    static class UnavailableException extends RuntimeException {
        UnavailableException(Throwable cause) {
            super("the engine REST API is unavailable", cause);
        }
    }

    private final RestClient http;

    EngineDecisions(DecisionProperties properties, RestClient.Builder builder) {
        var requestFactory = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(properties.timeout()).build());
        requestFactory.setReadTimeout(properties.timeout());
        this.http = builder.clone()
                .baseUrl(properties.engineUrl().toString())
                .requestFactory(requestFactory)
                .defaultHeaders(headers -> headers.setBasicAuth(properties.engineUser(), properties.enginePassword()))
                .build();
    }

    /**
     * Deploys {@code xml} as {@code <key>.dmn} in a deployment named {@code key}, for no tenant.
     *
     * @throws RefusedException     when the engine cannot use the table
     * @throws UnavailableException when the engine cannot be reached or fails
     */
    Version deploy(String key, byte[] xml) {
        MultipartBodyBuilder parts = new MultipartBodyBuilder();
        parts.part("deployment-name", key);
        parts.part("deployment-source", DEPLOYMENT_SOURCE);
        parts.part("data", new ByteArrayResource(xml))
                .filename(key + ".dmn")
                .contentType(MediaType.APPLICATION_XML);
        JsonNode deployment;
        try {
            deployment = http.post().uri("/deployment/create")
                    .contentType(MediaType.MULTIPART_FORM_DATA)
                    .body(parts.build())
                    .retrieve()
                    .body(JsonNode.class);
        } catch (HttpClientErrorException e) {
            if (e.getStatusCode().isSameCodeAs(HttpStatus.BAD_REQUEST)) {
                throw new RefusedException(e);
            }
            throw new UnavailableException(e);
        } catch (RestClientException e) {
            throw new UnavailableException(e);
        }
        JsonNode definitions = deployment == null ? null : deployment.path("deployedDecisionDefinitions");
        if (definitions == null || definitions.isNull() || definitions.isMissingNode() || definitions.isEmpty()) {
            throw new UnavailableException(new IllegalStateException("the deployment holds no decision definition"));
        }
        for (Iterator<JsonNode> it = definitions.elements(); it.hasNext(); ) {
            JsonNode definition = it.next();
            if (key.equals(definition.path("key").asText())) {
                return new Version(definition.path("id").asText(), key, definition.path("version").asInt(),
                        deployment.path("id").asText());
            }
        }
        throw new UnavailableException(new IllegalStateException("the deployment holds no decision " + key));
    }

    /** The latest tenant-less version of decision {@code key}, or empty when the engine has none. */
    Optional<Version> latest(String key) {
        try {
            JsonNode definition = http.get().uri("/decision-definition/key/{key}", key).retrieve().body(JsonNode.class);
            return Optional.ofNullable(definition).map(d -> new Version(d.path("id").asText(), d.path("key").asText(),
                    d.path("version").asInt(), d.path("deploymentId").asText()));
        } catch (RestClientResponseException e) {
            if (e.getStatusCode().isSameCodeAs(HttpStatus.NOT_FOUND)) {
                return Optional.empty();
            }
            throw new UnavailableException(e);
        } catch (RestClientException e) {
            throw new UnavailableException(e);
        }
    }

    /** Every tenant-less version of decision {@code key}, newest first (the console's version history). */
    List<Version> versions(String key) {
        try {
            JsonNode definitions = http.get().uri(uri -> uri.path("/decision-definition").queryParam("key", key)
                            .queryParam("withoutTenantId", true).queryParam("sortBy", "version")
                            .queryParam("sortOrder", "desc").build())
                    .retrieve().body(JsonNode.class);
            List<Version> versions = new ArrayList<>();
            if (definitions != null) {
                definitions.forEach(d -> versions.add(new Version(d.path("id").asText(), d.path("key").asText(),
                        d.path("version").asInt(), d.path("deploymentId").asText())));
            }
            return versions;
        } catch (RestClientException e) {
            throw new UnavailableException(e);
        }
    }

    /** The DMN XML of the decision definition {@code id}. */
    String xml(String decisionDefinitionId) {
        try {
            JsonNode body = http.get().uri("/decision-definition/{id}/xml", decisionDefinitionId)
                    .retrieve().body(JsonNode.class);
            if (body == null || !body.hasNonNull("dmnXml")) {
                throw new UnavailableException(new IllegalStateException("no dmnXml in the engine's answer"));
            }
            return body.get("dmnXml").asText();
        } catch (RestClientException e) {
            throw new UnavailableException(e);
        }
    }
}
