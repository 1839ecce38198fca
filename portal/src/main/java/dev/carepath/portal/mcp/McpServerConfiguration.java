package dev.carepath.portal.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.json.jackson.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.transport.WebMvcStreamableServerTransportProvider;
import java.util.List;
import org.springframework.ai.mcp.server.common.autoconfigure.properties.McpServerStreamableHttpProperties;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The MCP server's pieces that are ours: the streamable HTTP transport at {@code /mcp} (Spring AI's own, configured
 * from {@code spring.ai.mcp.server.*}), told to hand each tool call the token its HTTP request was authenticated with
 * ({@link Caller}), and the tools with the scope each needs. Spring AI's auto-configuration builds the server around
 * them; the security filter chain ({@code security} package) guards {@code /mcp} like any {@code /v1} path.
 */
@Configuration(proxyBeanMethods = false)
class McpServerConfiguration {

    /** Replaces the auto-configured transport (same settings) to add the caller's token to the transport context. */
    @Bean
    WebMvcStreamableServerTransportProvider webMvcStreamableServerTransportProvider(
            @Qualifier("mcpServerObjectMapper") ObjectMapper objectMapper, McpServerStreamableHttpProperties properties) {
        return WebMvcStreamableServerTransportProvider.builder()
                .jsonMapper(new JacksonMcpJsonMapper(objectMapper))
                .mcpEndpoint(properties.getMcpEndpoint())
                .keepAliveInterval(properties.getKeepAliveInterval())
                .disallowDelete(properties.isDisallowDelete())
                .contextExtractor(request -> Caller.fromCurrentRequest())
                .build();
    }

    /** The agent's tools and the scope each needs: the scope of the REST endpoint of the same meaning. */
    @Bean
    List<SyncToolSpecification> carepathTools(ToolCalls calls, JourneyTools journeys, PrescriptionTool prescriptions,
            EligibilityTool eligibility) {
        return List.of(
                calls.tool("start_journey", JourneyTools.WRITE, journeys::start),
                calls.tool("get_journey", JourneyTools.READ, journeys::get),
                calls.tool("list_journeys", JourneyTools.READ, journeys::list),
                calls.tool("cancel_journey", JourneyTools.WRITE, journeys::cancel),
                calls.tool("get_prescription", PrescriptionTool.SCOPE, prescriptions::read),
                calls.tool("check_eligibility", EligibilityTool.SCOPE, eligibility::check));
    }
}
