package dev.carepath.portal.security;

import dev.carepath.portal.tenants.MachineClients;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Accepts a token only while its client is active: looked up on every request (one primary-key read),
 * so revoking a client takes effect on its next request, not when its tokens expire.
 */
class ActiveClients implements OAuth2TokenValidator<Jwt> {

    private static final OAuth2Error REVOKED = new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
            "The token's client is revoked or unknown.", null);

    private final MachineClients clients;
    private final ClientRegistry registry;

    ActiveClients(MachineClients clients, ClientRegistry registry) {
        this.clients = clients;
        this.registry = registry;
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt token) {
        String clientId = token.getSubject();
        String tenant = token.getClaimAsString(Agents.TENANT_CLAIM);
        boolean active = tenant == null
                ? registry.isPlatform(clientId)
                : clients.isActive(tenant, clientId);
        return active ? OAuth2TokenValidatorResult.success() : OAuth2TokenValidatorResult.failure(REVOKED);
    }
}
