/**
 * Who may call the portal. The portal is its own OAuth2 authorization server (Spring Authorization
 * Server) for the client-credentials grant only: {@code POST /oauth2/token} issues short-lived JWTs that
 * carry the client's tenant ({@code tenant}) and scopes ({@code journeys:write}, {@code journeys:read},
 * {@code phi:read}, {@code admin}). Every {@code /v1} endpoint requires such a token, checked per request
 * against the client's current state, so a revoked client is refused on its next request. Webhook
 * ingress keeps its HMAC signatures; health stays open.
 *
 * <p>Public API for other capabilities: {@link dev.carepath.portal.security.Agents}.
 */
package dev.carepath.portal.security;
