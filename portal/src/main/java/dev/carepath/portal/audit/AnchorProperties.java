package dev.carepath.portal.audit;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code carepath.audit.anchor.*}: where and how often the heads of the audit chains are anchored.
 *
 * @param dir        the directory of the signed anchor log ({@code anchors.jws}); in production a mount of
 *                   object storage the database owner cannot rewrite (see README, Audit anchors)
 * @param interval   how often every chain whose head moved is anchored
 * @param scheduled  whether this process anchors on its own (staff commands do not)
 * @param signingKey the Ed25519 private key as a JWK (JSON, {@code "kty":"OKP","crv":"Ed25519"}); from the
 *                   environment outside a developer machine
 */
@ConfigurationProperties("carepath.audit.anchor")
record AnchorProperties(
        @DefaultValue("target/anchors") Path dir,
        @DefaultValue("60s") Duration interval,
        @DefaultValue("true") boolean scheduled,
        String signingKey) {
}
