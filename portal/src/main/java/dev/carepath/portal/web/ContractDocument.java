package dev.carepath.portal.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.RequestPredicates;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Serves the committed API contract ({@code openapi.yaml} of the contracts module, on the classpath) at
 * {@code /openapi.yaml}, unchanged, for Swagger UI ({@code /swagger-ui.html}) and for clients that generate code
 * from it. A router function, not an annotated handler: it is no operation of the API.
 */
@Configuration(proxyBeanMethods = false)
class ContractDocument {

    static final String PATH = "/openapi.yaml";
    static final MediaType YAML = MediaType.parseMediaType("application/yaml");

    @Bean
    RouterFunction<ServerResponse> contractDocumentRoute() {
        Resource document = new ClassPathResource("openapi.yaml");
        return RouterFunctions.route(RequestPredicates.GET(PATH), request -> ServerResponse.ok()
                .contentType(YAML).cacheControl(CacheControl.noCache()).body(document));
    }
}
