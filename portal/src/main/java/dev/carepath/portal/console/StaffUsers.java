package dev.carepath.portal.console;

import dev.carepath.tenancy.ServiceSchemas;
import java.sql.Array;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * The people who log in with a password: {@code console.staff_user}, passwords hashed with the portal's
 * {@link PasswordEncoder} (bcrypt, with its id prefix). The users of configuration ({@code carepath.console.users})
 * are written there at start, so the local stack's logins exist on a fresh database; a role that is not a
 * {@link StaffRole} is refused at start rather than silently ignored.
 *
 * <p>Deliberately not a {@link UserDetailsService} bean: only the console's filter chain authenticates with it,
 * never the agents' chains.
 */
@Component
class StaffUsers {

    private static final Logger log = LoggerFactory.getLogger(StaffUsers.class);

    private final JdbcTemplate jdbc;
    private final PasswordEncoder encoder;

    StaffUsers(JdbcTemplate jdbc, PasswordEncoder encoder, ConsoleProperties properties, ServiceSchemas migrated) {
        this.jdbc = jdbc;
        this.encoder = encoder;
        properties.users().forEach(this::save);
        if (!properties.users().isEmpty()) {
            log.info("console: {} staff users from configuration", properties.users().size());
        }
    }

    /** Creates or replaces a user; a plain password is hashed first. */
    void save(String username, ConsoleProperties.User user) {
        if (user.password() == null || user.password().isBlank()) {
            throw new IllegalStateException("carepath.console.users." + username + ".password is not set");
        }
        List<String> roles = user.roles() == null ? List.of() : user.roles();
        for (String role : roles) {
            if (StaffRole.of(role).isEmpty()) {
                throw new IllegalStateException("carepath.console.users." + username + ": unknown role " + role
                        + " (one of " + String.join(", ", StaffRole.all()) + ")");
            }
        }
        String hash = user.password().matches("^\\{[a-z0-9]+}.*") ? user.password() : encoder.encode(user.password());
        jdbc.update("INSERT INTO console.staff_user (username, password_hash, roles, enabled) VALUES (?, ?, ?, ?)"
                        + " ON CONFLICT (username) DO UPDATE SET password_hash = excluded.password_hash,"
                        + " roles = excluded.roles, enabled = excluded.enabled, updated_at = now()",
                username, hash, roles.toArray(String[]::new), user.enabled());
    }

    /** The console's {@link UserDetailsService}: a staff user with their roles as authorities. */
    UserDetailsService details() {
        return username -> {
            List<UserDetails> found = jdbc.query(
                    "SELECT username, password_hash, roles, enabled FROM console.staff_user WHERE username = ?",
                    (rs, i) -> User.withUsername(rs.getString("username"))
                            .password(rs.getString("password_hash"))
                            .disabled(!rs.getBoolean("enabled"))
                            .authorities(authorities(rs.getArray("roles")))
                            .build(),
                    username);
            if (found.isEmpty()) {
                throw new UsernameNotFoundException("no such staff user");
            }
            return found.get(0);
        };
    }

    private static List<SimpleGrantedAuthority> authorities(Array roles) throws java.sql.SQLException {
        List<SimpleGrantedAuthority> authorities = new ArrayList<>();
        for (String role : Arrays.asList((String[]) roles.getArray())) {
            StaffRole.of(role).ifPresent(known -> authorities.add(new SimpleGrantedAuthority(known.authority())));
        }
        return authorities;
    }
}
