package dev.carepath.portal.mcp;

import dev.carepath.portal.security.Agents;
import dev.carepath.portal.web.Problems;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import java.net.URI;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * The agent calling a tool, as its bearer token says: taken from the HTTP request the tool call came in (the security
 * filter chain authenticated it, the active-client check included) and handed to the tool through the MCP transport
 * context, so every call is judged by its own request's token, never by the session's first one.
 */
record Caller(JwtAuthenticationToken authentication) {

    private static final String KEY = "carepath.caller";
    static final URI INSUFFICIENT_SCOPE = URI.create(Problems.BASE + "insufficient-scope");
    static final URI UNAUTHORIZED = URI.create(Problems.BASE + "unauthorized");

    /** The transport context of the current HTTP request: its authenticated token, if any. */
    static McpTransportContext fromCurrentRequest() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication instanceof JwtAuthenticationToken token
                ? McpTransportContext.create(Map.of(KEY, token))
                : McpTransportContext.EMPTY;
    }

    /**
     * The caller of this tool call.
     *
     * @throws org.springframework.web.ErrorResponseException 401 {@code unauthorized} when the request carried no
     *         authenticated token (the filter chain refuses such requests before they get here)
     */
    static Caller of(McpSyncServerExchange exchange) {
        if (exchange.transportContext().get(KEY) instanceof JwtAuthenticationToken token) {
            return new Caller(token);
        }
        throw Problems.exception(HttpStatus.UNAUTHORIZED, UNAUTHORIZED, "Unauthorized",
                "A valid bearer token of an active client is required.");
    }

    /** The token's tenant; 403 {@code no-tenant} for platform staff's token. */
    String tenant() {
        return Agents.tenantOf(authentication.getToken());
    }

    /** The machine client's id, as the audit trail names it. */
    String clientId() {
        return authentication.getToken().getSubject();
    }

    /** 403 {@code insufficient-scope}, as the REST API answers, unless the token holds {@code scope}. */
    void require(String scope) {
        boolean granted = authentication.getAuthorities().stream()
                .anyMatch(authority -> ("SCOPE_" + scope).equals(authority.getAuthority()));
        if (!granted) {
            throw Problems.exception(HttpStatus.FORBIDDEN, INSUFFICIENT_SCOPE, "Insufficient scope",
                    "The token's scopes do not allow this tool: it needs " + scope + ".");
        }
    }
}
