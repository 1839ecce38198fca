package dev.carepath.portal.ingress;

import dev.carepath.contracts.webhooks.WebhookSignature;
import dev.carepath.portal.api.WebhooksApi;
import dev.carepath.portal.api.model.WebhookReceiptDto;
import dev.carepath.portal.web.Problems;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Partner webhooks. The body is taken as raw bytes: the signature covers exactly what was sent.
 * <ul>
 *   <li>202: accepted, the normalized event is in the outbox; 200: a redelivery, nothing changed;</li>
 *   <li>401 {@code invalid-signature}: signature or timestamp header missing or wrong;</li>
 *   <li>400 {@code stale-webhook}: signed, but the timestamp is outside the tolerance;</li>
 *   <li>400 {@code malformed-request} / {@code validation}: body not JSON or fields missing;</li>
 *   <li>422 {@code unsupported-event}: an event type this kind of partner does not send;</li>
 *   <li>404 {@code not-found}: the clientReference names no order (or the partner name is malformed).</li>
 * </ul>
 */
@RestController
class WebhookController implements WebhooksApi {

    private static final Pattern PARTNER_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Logger log = LoggerFactory.getLogger(WebhookController.class);

    private final WebhookVerifier signature;
    private final PartnerWebhooks webhooks;
    private final MeterRegistry meters;

    WebhookController(WebhookVerifier signature, PartnerWebhooks webhooks, ObjectProvider<MeterRegistry> meters) {
        this.signature = signature;
        this.webhooks = webhooks;
        this.meters = meters.getIfAvailable(SimpleMeterRegistry::new);
    }

    @Override
    public ResponseEntity<WebhookReceiptDto> receiveTelehealthWebhook(String network, byte[] body, String timestamp) {
        return receive(PartnerKind.TELEHEALTH, network, timestamp, signatureHeader(), body);
    }

    @Override
    public ResponseEntity<WebhookReceiptDto> receivePharmacyWebhook(String pharmacy, byte[] body, String timestamp) {
        return receive(PartnerKind.PHARMACY, pharmacy, timestamp, signatureHeader(), body);
    }

    /** The signature header: the contract's security scheme for webhooks, so not a parameter of the interface. */
    private static String signatureHeader() {
        return ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes()).getRequest()
                .getHeader(WebhookSignature.SIGNATURE_HEADER);
    }

    /**
     * {@code carepath.webhooks.ingress{kind, outcome, reason}}: every webhook, accepted ({@code accepted},
     * {@code duplicate}) or refused (the problem's status: {@code invalid-signature}, {@code stale}, {@code 404},
     * {@code 422}, ...). Tagged by the kind of partner, never by the name in the path, which anybody can choose.
     */
    private ResponseEntity<WebhookReceiptDto> receive(PartnerKind kind, String name, String timestamp,
            String signed, byte[] rawBody) {
        try {
            ResponseEntity<WebhookReceiptDto> answer = verifiedReceive(kind, name, timestamp, signed, rawBody);
            // 200: a redelivery that changed nothing; 202: accepted.
            count(kind, answer.getStatusCode().value() == HttpStatus.OK.value() ? "duplicate" : "accepted", "none");
            return answer;
        } catch (ErrorResponseException refused) {
            URI type = refused.getBody().getType();
            String reason = Problems.INVALID_SIGNATURE.equals(type) ? "invalid-signature"
                    : Problems.STALE_WEBHOOK.equals(type) ? "stale" : String.valueOf(refused.getStatusCode().value());
            count(kind, "refused", reason);
            throw refused;
        } catch (RuntimeException failed) {
            count(kind, "refused", "error");
            throw failed;
        }
    }

    private void count(PartnerKind kind, String outcome, String reason) {
        Counter.builder("carepath.webhooks.ingress").description("partner webhooks received, by outcome")
                .tag("kind", kind.name().toLowerCase(Locale.ROOT)).tag("outcome", outcome).tag("reason", reason)
                .register(meters).increment();
    }

    private ResponseEntity<WebhookReceiptDto> verifiedReceive(PartnerKind kind, String name, String timestamp,
            String signed, byte[] rawBody) {
        long started = System.nanoTime();
        if (!PARTNER_NAME.matcher(name).matches()) {
            throw Problems.notFound("No partner endpoint at this path.");
        }
        byte[] body = rawBody == null ? new byte[0] : rawBody;
        String partner = kind.partner(name);
        switch (signature.verify(timestamp, signed, body)) {
            case INVALID_SIGNATURE -> {
                log.warn("webhook for {} refused: missing or invalid signature", partner);
                throw invalidSignature();
            }
            case STALE -> {
                log.warn("webhook for {} refused: timestamp outside the tolerance", partner);
                throw Problems.exception(HttpStatus.BAD_REQUEST, Problems.STALE_WEBHOOK, "Stale webhook",
                        "The webhook's timestamp is too far from the current time; send it again, newly signed.");
            }
            case VALID -> {
                // go on
            }
        }
        try {
            PartnerWebhooks.Receipt receipt = webhooks.receive(kind, name, body);
            log.info("{} from {} {} in {} ms", receipt.eventType(), partner,
                    receipt.duplicate() ? "was a redelivery" : "accepted", (System.nanoTime() - started) / 1_000_000);
            return ResponseEntity.status(receipt.duplicate() ? HttpStatus.OK : HttpStatus.ACCEPTED)
                    .body(new WebhookReceiptDto(receipt.eventType(), receipt.duplicate()));
        } finally {
            MDC.remove("journeyId");
            MDC.remove("tenantId");
            MDC.remove("eventId");
        }
    }

    private static ErrorResponseException invalidSignature() {
        ErrorResponseException problem = Problems.exception(HttpStatus.UNAUTHORIZED, Problems.INVALID_SIGNATURE,
                "Invalid signature", "The webhook must carry " + WebhookSignature.TIMESTAMP_HEADER + " and a valid "
                        + WebhookSignature.SIGNATURE_HEADER + " over the raw body.");
        problem.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "CarepathSignature");
        return problem;
    }
}
