package dev.carepath.portal;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The committed contract and the running portal serve the same operations: every handler method Spring MVC maps
 * under {@code /v1/**} and {@code /webhooks/**} is an operation of {@code openapi.yaml}, and every operation of the
 * document is mapped. (The token endpoint, {@code /oauth2/token}, is Spring Authorization Server's filter, not a
 * handler; it is documented and checked to answer.) Swagger UI's own pages are no part of the API.
 */
class ContractCoverageIT extends PortalIntegrationSupport {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping handlers;

    static OpenAPI contract() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readLocation("openapi.yaml", null, options);
        assertThat(parsed.getMessages()).as("the contract parses without messages").isEmpty();
        return parsed.getOpenAPI();
    }

    private Set<String> served() {
        Set<String> operations = new TreeSet<>();
        handlers.getHandlerMethods().keySet().forEach(info -> info.getPatternValues().forEach(path -> {
            if (path.startsWith("/v1/") || path.startsWith("/webhooks/")) {
                info.getMethodsCondition().getMethods().forEach(method -> operations.add(method + " " + path));
            }
        }));
        return operations;
    }

    private static Set<String> documented(OpenAPI contract) {
        Set<String> operations = new TreeSet<>();
        contract.getPaths().forEach((path, item) -> item.readOperationsMap().keySet().forEach(method ->
                operations.add(method.name() + " " + path)));
        return operations;
    }

    @Test
    void everyServedOperationIsDocumentedAndEveryDocumentedOneIsServed() {
        Set<String> documented = documented(contract());
        Set<String> served = served();

        assertThat(documented).as("the token endpoint is documented").contains("POST /oauth2/token");
        documented.remove("POST /oauth2/token");
        assertThat(served).as("served but missing from openapi.yaml").isSubsetOf(documented);
        assertThat(documented).as("in openapi.yaml but not served").isSubsetOf(served);
        assertThat(served).isEqualTo(documented).hasSize(27);
        // The token endpoint answers as documented (a token for a known client).
        assertThat(agentToken(newTenant())).isNotBlank();
    }

    @Test
    void theCommittedDocumentAndSwaggerUiAreServedWithoutAToken() {
        Response document = get("/openapi.yaml", null);
        Response ui = get("/swagger-ui/index.html", null);
        Response welcome = get("/swagger-ui.html", null);

        assertThat(document.status()).isEqualTo(200);
        assertThat(document.body()).startsWith("openapi: 3.1.0").contains("operationId: startJourney");
        assertThat(ui.status()).isEqualTo(200);
        assertThat(ui.body()).containsIgnoringCase("swagger");
        assertThat(welcome.status()).as("redirects to the UI").isIn(200, 302);
        assertThat(get("/v1/journeys", null).status()).as("the API itself still needs a token").isEqualTo(401);
    }

    @Test
    void theDocumentListsEveryProblemTypeThePortalAnswers() {
        String description = contract().getInfo().getDescription();
        for (var field : dev.carepath.portal.web.Problems.class.getFields()) {
            if (field.getType().equals(java.net.URI.class)) {
                try {
                    String name = field.get(null).toString().substring(dev.carepath.portal.web.Problems.BASE.length());
                    assertThat(description).as("problem type %s", name).contains("`" + name + "`");
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
            }
        }
    }
}
