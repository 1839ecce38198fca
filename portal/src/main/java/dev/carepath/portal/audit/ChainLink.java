package dev.carepath.portal.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * One row of a tenant's audit chain and how its hash is computed: SHA-256 over a canonical form, the
 * row's fields in a fixed order, each as UTF-8 prefixed by its length in bytes (so no two different
 * rows share a form), starting with the previous row's hash.
 */
record ChainLink(String tenantId, long chainSeq, String eventId, String eventType, String envelope,
        OffsetDateTime recordedAt, String prevHash) {

    /** The previous hash of a chain's first row. */
    static final String GENESIS = "0".repeat(64);

    private static final DateTimeFormatter INSTANT = DateTimeFormatter.ISO_INSTANT;

    String hash() {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is a required JCA algorithm", e);
        }
        for (String field : new String[] {prevHash, tenantId, Long.toString(chainSeq), eventId, eventType,
                INSTANT.format(recordedAt.withOffsetSameInstant(ZoneOffset.UTC)), envelope}) {
            byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
            sha256.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
            sha256.update(bytes);
        }
        return HexFormat.of().formatHex(sha256.digest());
    }
}
