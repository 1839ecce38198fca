package dev.carepath.portal.security;

import dev.carepath.portal.tenants.MachineClients;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/**
 * The authorization server's clients: the platform staff client from configuration, and the tenants'
 * machine clients from {@code tenants.machine_client}, read on every token request (a revoked client
 * gets no token). Clients are created through the admin API, never through {@link #save}.
 */
class ClientRegistry implements RegisteredClientRepository {

    /** Client setting carrying the tenant into the token customizer. */
    static final String TENANT_SETTING = "carepath.tenant";

    private final MachineClients clients;
    private final RegisteredClient platform;
    private final TokenSettings tokens;

    ClientRegistry(MachineClients clients, SecurityProperties properties, PasswordEncoder encoder) {
        this.clients = clients;
        this.tokens = TokenSettings.builder().accessTokenTimeToLive(properties.tokenTtl()).build();
        this.platform = base(properties.platformClient().id())
                .clientSecret(encoder.encode(properties.platformClient().secret()))
                .scope("admin")
                .build();
    }

    @Override
    public void save(RegisteredClient registeredClient) {
        throw new UnsupportedOperationException("clients are created through /v1/admin/tenants/{id}/clients");
    }

    @Override
    public RegisteredClient findById(String id) {
        return findByClientId(id);
    }

    @Override
    public RegisteredClient findByClientId(String clientId) {
        if (platform.getClientId().equals(clientId)) {
            return platform;
        }
        return clients.find(clientId)
                .filter(client -> !client.revoked())
                .map(client -> base(client.clientId())
                        .clientSecret(client.secretHash())
                        .scopes(scopes -> scopes.addAll(client.scopes()))
                        .clientSettings(ClientSettings.builder().setting(TENANT_SETTING, client.tenantId()).build())
                        .build())
                .orElse(null);
    }

    boolean isPlatform(String clientId) {
        return platform.getClientId().equals(clientId);
    }

    private RegisteredClient.Builder base(String clientId) {
        return RegisteredClient.withId(clientId)
                .clientId(clientId)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .tokenSettings(tokens);
    }
}
