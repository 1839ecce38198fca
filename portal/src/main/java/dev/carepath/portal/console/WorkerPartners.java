package dev.carepath.portal.console;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * The partners' health as the job-workers see it: each partner's circuit breaker (connectors' {@code PartnerHttp})
 * and the failure rate of its recent calls, from the job-workers' internal {@code GET /internal/partners} (the same
 * address and service credential as the clinical store's reads; no PHI).
 */
@Component
class WorkerPartners {

    /** One partner: breaker state (CLOSED, OPEN, HALF_OPEN), failure rate in percent (-1: too few calls yet). */
    record Health(String partner, String state, double failureRatePercent, int bufferedCalls, int failedCalls,
            long notPermittedCalls) {
    }

    private final RestClient http;

    WorkerPartners(RestClient.Builder builder, @Value("${carepath.clinical.url}") String url,
            @Value("${carepath.clinical.reader.user}") String user,
            @Value("${carepath.clinical.reader.password}") String password) {
        var requestFactory = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build());
        requestFactory.setReadTimeout(Duration.ofSeconds(5));
        this.http = builder.clone().baseUrl(url).requestFactory(requestFactory)
                .defaultHeaders(headers -> headers.setBasicAuth(user, password)).build();
    }

    /** Every partner the workers have called, or empty when they cannot be reached. */
    Optional<List<Health>> partners() {
        try {
            JsonNode answer = http.get().uri("/internal/partners").retrieve().body(JsonNode.class);
            if (answer == null) {
                return Optional.empty();
            }
            List<Health> partners = new ArrayList<>();
            for (JsonNode partner : answer) {
                partners.add(new Health(partner.path("partner").asText(), partner.path("state").asText(),
                        partner.path("failureRatePercent").asDouble(), partner.path("bufferedCalls").asInt(),
                        partner.path("failedCalls").asInt(), partner.path("notPermittedCalls").asLong()));
            }
            return Optional.of(partners);
        } catch (RestClientException e) {
            return Optional.empty();
        }
    }
}
