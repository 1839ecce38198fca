package dev.carepath.portal.console;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code carepath.console.*}.
 *
 * @param formLogin    whether people may log in with a username and password ({@code console.staff_user})
 * @param users        staff users written to {@code console.staff_user} at start, by username: a password (plain,
 *                     hashed before it is stored, or already encoded with its {@code {id}} prefix) and roles. The
 *                     local stack's people; production leaves this empty and logs in with OIDC
 * @param oidc         single sign-on (Spring Security OAuth2 login), off by default
 * @param engineWebUrl where people's browsers reach the engine's web apps (Cockpit, Tasklist)
 * @param engine       the engine REST API for journey instances, incidents and retries
 */
@ConfigurationProperties("carepath.console")
public record ConsoleProperties(@DefaultValue("true") boolean formLogin, Map<String, User> users, Oidc oidc,
        @DefaultValue("http://localhost:8080") String engineWebUrl, Engine engine) {

    public ConsoleProperties {
        users = users == null ? Map.of() : Map.copyOf(users);
        oidc = oidc == null ? new Oidc(false, null, null) : oidc;
        engine = engine == null ? new Engine(null, null, null, null) : engine;
    }

    /**
     * The engine REST API as the console's service account sees it (journey instances, incidents, retries, task
     * counts): its own account, apart from the decision tables' one.
     *
     * @param url      the engine REST API's base URL ({@code .../engine-rest})
     * @param user     the console's engine account
     * @param password its password (from the environment outside a developer machine)
     * @param timeout  connect and read timeout of each call
     */
    public record Engine(URI url, String user, String password, Duration timeout) {

        public Engine {
            url = url == null ? URI.create("http://127.0.0.1:8080/engine-rest") : url;
            user = user == null ? "portalconsole" : user;
            password = password == null ? "portal-console-local" : password;
            timeout = timeout == null ? Duration.ofSeconds(5) : timeout;
        }
    }

    /**
     * @param password the password, plain or encoded ({@code {bcrypt}...})
     * @param roles    role ids ({@link StaffRole#id()})
     * @param enabled  false: the user may not log in (the row stays)
     */
    public record User(String password, List<String> roles, @DefaultValue("true") boolean enabled) {
    }

    /**
     * @param enabled        whether the console offers OIDC login
     * @param registrationId the client registration ({@code spring.security.oauth2.client.registration.<id>})
     * @param rolesClaim     the ID token or user-info claim that lists the person's roles (role ids, or groups of
     *                       those names); people with none of the roles are logged in but may open nothing
     */
    public record Oidc(boolean enabled, String registrationId, String rolesClaim) {

        public Oidc {
            rolesClaim = rolesClaim == null || rolesClaim.isBlank() ? "groups" : rolesClaim;
        }
    }
}
