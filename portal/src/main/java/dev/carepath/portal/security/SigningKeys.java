package dev.carepath.portal.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.text.ParseException;
import java.util.List;
import java.util.UUID;

/**
 * The keys of the access tokens: the first signs, all of them verify. Configured as a JWK set with private RSA
 * keys ({@code carepath.security.signing-keys}, {@code CAREPATH_JWT_SIGNING_KEYS}), every portal node shares them,
 * so a token outlives the node that issued it. To rotate, put a new key first and keep the old one until the
 * tokens it signed have expired (one token lifetime); then drop it. Without configuration a key is made at
 * start, fit for one process on a developer machine only.
 *
 * @param signing   the key new tokens are signed with
 * @param verifying  every key a presented token may be signed with, the signing key first
 * @param configured whether the keys came from configuration (or were made at start)
 */
record SigningKeys(RSAKey signing, JWKSet verifying, boolean configured) {

    static final String PROPERTY = "carepath.security.signing-keys";

    /** The configured keys, or one made now when {@code jwkSet} is blank. */
    static SigningKeys from(String jwkSet) {
        return jwkSet == null || jwkSet.isBlank() ? generated() : parsed(jwkSet);
    }

    /** The signing key alone: the token encoder must find exactly one key to sign with. */
    JWKSet signingOnly() {
        return new JWKSet(signing);
    }

    private static SigningKeys parsed(String jwkSet) {
        List<JWK> keys;
        try {
            keys = JWKSet.parse(jwkSet).getKeys();
        } catch (ParseException e) {
            // The message of a parse error may quote the key material: say only where it went wrong.
            throw new IllegalStateException(PROPERTY + " is not a JWK set (RFC 7517)");
        }
        if (keys.isEmpty()) {
            throw new IllegalStateException(PROPERTY + " holds no key");
        }
        for (JWK key : keys) {
            if (!(key instanceof RSAKey rsa) || !rsa.isPrivate() || key.getKeyID() == null) {
                throw new IllegalStateException(PROPERTY + ": every key must be a private RSA key with a \"kid\"");
            }
        }
        return new SigningKeys((RSAKey) keys.get(0), new JWKSet(keys), true);
    }

    private static SigningKeys generated() {
        try {
            RSAKey key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
            return new SigningKeys(key, new JWKSet(key), false);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot make an RSA signing key", e);
        }
    }
}
