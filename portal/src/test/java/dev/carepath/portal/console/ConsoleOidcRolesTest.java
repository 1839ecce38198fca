package dev.carepath.portal.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;

/** An OIDC person's console roles come from the configured claim: only the values that name a console role. */
class ConsoleOidcRolesTest {

    private static OidcUserAuthority person(Map<String, Object> claims) {
        OidcIdToken token = new OidcIdToken("token", Instant.now(), Instant.now().plusSeconds(60), claims);
        return new OidcUserAuthority(token);
    }

    @Test
    void theClaimsValuesThatNameARoleBecomeItsAuthorities() {
        var mapped = ConsoleSecurity.rolesFrom("groups").mapAuthorities(List.of(person(Map.of("sub", "ada",
                "groups", List.of("clinicians", "care-ops", "payroll", "ROLE_platform-admin")))));

        assertThat(mapped).extracting(GrantedAuthority::getAuthority)
                .containsExactlyInAnyOrder("ROLE_clinicians", "ROLE_care-ops");
    }

    @Test
    void aSingleValueOrAnotherClaimNameWorksAndNoClaimMeansNoRole() {
        assertThat(ConsoleSecurity.rolesFrom("role").mapAuthorities(List.of(person(Map.of("sub", "ada",
                "role", "platform-admin"))))).extracting(GrantedAuthority::getAuthority)
                .containsExactly("ROLE_platform-admin");
        assertThat(ConsoleSecurity.rolesFrom("groups").mapAuthorities(List.of(person(Map.of("sub", "ada")))))
                .isEmpty();
    }
}
