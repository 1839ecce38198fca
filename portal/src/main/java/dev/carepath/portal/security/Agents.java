package dev.carepath.portal.security;

import dev.carepath.portal.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;

/** The calling agent as its token says: which tenant it acts for. */
public final class Agents {

    /** The JWT claim carrying the client's tenant. */
    public static final String TENANT_CLAIM = "tenant";

    private Agents() {
    }

    /**
     * The bearer token of the request being served (the controllers implement the contract's generated interfaces,
     * whose methods take the contract's parameters only), or {@code null} when the request carried none.
     */
    public static Jwt currentToken() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof Jwt jwt ? jwt : null;
    }

    /**
     * The tenant of the token's client.
     *
     * @throws org.springframework.web.ErrorResponseException 403 for a token of no tenant (platform staff)
     */
    public static String tenantOf(Jwt token) {
        String tenant = token == null ? null : token.getClaimAsString(TENANT_CLAIM);
        if (tenant == null) {
            throw Problems.exception(HttpStatus.FORBIDDEN, Problems.NO_TENANT, "No tenant",
                    "This endpoint acts for a tenant; the token belongs to no tenant.");
        }
        return tenant;
    }
}
