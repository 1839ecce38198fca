package dev.carepath.portal.audit;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.OctetKeyPair;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.text.ParseException;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The signed, append-only log of audit anchors: one line per anchor, each a JWS (compact form, EdDSA over
 * Ed25519) whose payload is the anchor as JSON. Lines are only ever appended (the file is opened for
 * appending, under a file lock, and forced to disk). Reading checks every line's signature with the public
 * half of the signing key: a line that does not verify (forged, altered, or signed by another key) is
 * refused, counted, and never trusted.
 */
class AnchorLog {

    static final String FILE = "anchors.jws";

    private final Path file;
    private final OctetKeyPair key;
    private final Ed25519Verifier verifier;

    AnchorLog(Path dir, String signingKeyJwk) {
        this.file = dir.resolve(FILE);
        try {
            this.key = OctetKeyPair.parse(signingKeyJwk);
            if (!Curve.Ed25519.equals(key.getCurve()) || !key.isPrivate()) {
                throw new IllegalArgumentException("carepath.audit.anchor.signing-key must be a private Ed25519 JWK");
            }
            this.verifier = new Ed25519Verifier(key.toPublicJWK());
        } catch (ParseException | JOSEException e) {
            throw new IllegalArgumentException("carepath.audit.anchor.signing-key is not a usable Ed25519 JWK", e);
        }
    }

    /** What the log holds: the latest verified anchor of each tenant, and how many lines were refused. */
    record Contents(Map<String, Anchor> latest, int valid, int refused) {
    }

    Path file() {
        return file;
    }

    synchronized void append(List<Anchor> anchors) {
        if (anchors.isEmpty()) {
            return;
        }
        StringBuilder lines = new StringBuilder();
        for (Anchor anchor : anchors) {
            lines.append(sign(anchor)).append('\n');
        }
        try {
            Files.createDirectories(file.getParent());
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
                    FileLock lock = channel.lock()) {
                channel.write(ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.US_ASCII)));
                channel.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the audit anchor log", e);
        }
    }

    Contents read() {
        if (!Files.exists(file)) {
            return new Contents(Map.of(), 0, 0);
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audit anchor log", e);
        }
        Map<String, Anchor> latest = new HashMap<>();
        int valid = 0;
        int refused = 0;
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            Anchor anchor = verified(line.trim());
            if (anchor == null) {
                refused++;
            } else {
                valid++;
                latest.merge(anchor.tenantId(), anchor, (older, newer) -> newer.chainSeq() >= older.chainSeq()
                        ? newer : older);
            }
        }
        return new Contents(Map.copyOf(latest), valid, refused);
    }

    private String sign(Anchor anchor) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("tenantId", anchor.tenantId());
        claims.put("chainSeq", anchor.chainSeq());
        claims.put("headHash", anchor.headHash());
        claims.put("anchoredAt", anchor.anchoredAt().toString());
        JWSObject jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.EdDSA).keyID(key.getKeyID()).build(),
                new Payload(claims));
        try {
            jws.sign(new Ed25519Signer(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign an audit anchor", e);
        }
        return jws.serialize();
    }

    /** The anchor of a line whose signature verifies, or null. */
    private Anchor verified(String line) {
        try {
            JWSObject jws = JWSObject.parse(line);
            if (!JWSAlgorithm.EdDSA.equals(jws.getHeader().getAlgorithm()) || !jws.verify(verifier)) {
                return null;
            }
            Map<String, Object> claims = jws.getPayload().toJSONObject();
            return new Anchor((String) claims.get("tenantId"), ((Number) claims.get("chainSeq")).longValue(),
                    (String) claims.get("headHash"), Instant.parse((String) claims.get("anchoredAt")));
        } catch (ParseException | JOSEException | RuntimeException unreadable) {
            return null;
        }
    }
}
