package dev.carepath.simulator.payments;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** Every charge captured and refund made, across processors, in the order they happened. */
@Component
public class PaymentLedger {

    static final String CHARGE = "charge";
    static final String REFUND = "refund";

    private final Queue<Entry> entries = new ConcurrentLinkedQueue<>();
    private final Map<String, Entry> chargesById = new ConcurrentHashMap<>();
    private final Map<String, Long> refundedByChargeId = new ConcurrentHashMap<>();

    Entry recordCharge(String processor, String idempotencyKey, String merchantAccount, long amountMinor,
                       String currency) {
        Entry charge = new Entry(CHARGE, processor, newId("ch_"), null, idempotencyKey, merchantAccount, amountMinor,
                currency, Instant.now());
        chargesById.put(charge.chargeId(), charge);
        entries.add(charge);
        return charge;
    }

    Optional<Entry> charge(String processor, String chargeId) {
        return Optional.ofNullable(chargesById.get(chargeId)).filter(charge -> charge.processor().equals(processor));
    }

    /** Records a refund of {@code charge}, unless it would refund more than was charged. */
    Optional<Entry> recordRefund(Entry charge, String idempotencyKey, long amountMinor) {
        AtomicBoolean fits = new AtomicBoolean();
        refundedByChargeId.compute(charge.chargeId(), (id, refunded) -> {
            long before = refunded == null ? 0 : refunded;
            if (before + amountMinor > charge.amountMinor()) {
                return refunded;
            }
            fits.set(true);
            return before + amountMinor;
        });
        if (!fits.get()) {
            return Optional.empty();
        }
        Entry refund = new Entry(REFUND, charge.processor(), charge.chargeId(), newId("re_"), idempotencyKey,
                charge.merchantAccount(), amountMinor, charge.currency(), Instant.now());
        entries.add(refund);
        return Optional.of(refund);
    }

    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    public long charges() {
        return entries.stream().filter(Entry::isCharge).count();
    }

    public long refunds() {
        return entries.stream().filter(entry -> !entry.isCharge()).count();
    }

    /**
     * How many (merchant account, order cycle) pairs were charged more than once, where the order cycle is the
     * idempotency key's first three {@code :}-separated parts ({@code tenant:order:cycle}; a shorter key counts
     * as a whole). A repeated key string is therefore always counted, and so is a retry that minted a new key
     * for the same cycle, or the same key sent to two processors.
     */
    public long doubleCharges() {
        return entries.stream()
                .filter(Entry::isCharge)
                .collect(Collectors.groupingBy(charge -> List.of(charge.merchantAccount(), orderCycle(charge.idempotencyKey())),
                        Collectors.counting()))
                .values().stream()
                .filter(count -> count > 1)
                .count();
    }

    static String orderCycle(String idempotencyKey) {
        String[] parts = idempotencyKey.split(":", -1);
        return parts.length <= 3 ? idempotencyKey : String.join(":", parts[0], parts[1], parts[2]);
    }

    private static String newId(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    }

    /**
     * A ledger line: a captured charge ({@code refundId} absent) or a refund of one.
     *
     * @param type {@code charge} or {@code refund}
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(String type, String processor, String chargeId, String refundId, String idempotencyKey,
                        String merchantAccount, long amountMinor, String currency, Instant at) {

        boolean isCharge() {
            return CHARGE.equals(type);
        }
    }
}
