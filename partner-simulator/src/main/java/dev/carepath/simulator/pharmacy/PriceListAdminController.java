package dev.carepath.simulator.pharmacy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sandbox's price switchboard, so a test or the demo changes what a pharmacy charges with no restart.
 * <ul>
 *   <li>{@code PUT /admin/price-lists/{pharmacy}/{therapy}} with {@code {"priceCents": 27900}} sets the therapy's
 *       price wherever no state price applies; with {@code "stateCode": "TX"} as well, in that state only. It answers
 *       the pharmacy's whole price list. A negative or missing price, a malformed state code, or a state price for a
 *       therapy the pharmacy does not list is answered 400; an unknown pharmacy 404; either changes nothing.</li>
 *   <li>{@code DELETE /admin/price-lists} restores every configured price list.</li>
 * </ul>
 */
@RestController
@RequestMapping("/admin/price-lists")
class PriceListAdminController {

    private static final Logger log = LoggerFactory.getLogger(PriceListAdminController.class);

    /** The body of a price change. */
    record PriceChange(Long priceCents, String stateCode) {
    }

    private final PharmacyPriceLists priceLists;

    PriceListAdminController(PharmacyPriceLists priceLists) {
        this.priceLists = priceLists;
    }

    @PutMapping("/{pharmacy}/{therapy}")
    ResponseEntity<Object> put(@PathVariable String pharmacy, @PathVariable String therapy,
                               @RequestBody PriceChange change) {
        if (change.priceCents() == null || change.priceCents() < 0) {
            return problem(HttpStatus.BAD_REQUEST, "priceCents must be a price in cents, zero or more");
        }
        if (change.stateCode() != null && !change.stateCode().matches("[A-Z]{2}")) {
            return problem(HttpStatus.BAD_REQUEST, "stateCode must be two upper-case letters");
        }
        return switch (priceLists.set(pharmacy, therapy, change.stateCode(), change.priceCents())) {
            case CHANGED -> {
                log.info("Price of {} at {} in {} now {} cents", therapy, pharmacy,
                        change.stateCode() == null ? "every other state" : change.stateCode(), change.priceCents());
                yield ResponseEntity.ok(priceLists.of(pharmacy).orElseThrow());
            }
            case UNKNOWN_PHARMACY -> problem(HttpStatus.NOT_FOUND, "no such pharmacy: " + pharmacy);
            case UNLISTED_THERAPY -> problem(HttpStatus.BAD_REQUEST,
                    pharmacy + " does not list " + therapy + ": set its price without a state first");
        };
    }

    @DeleteMapping
    ResponseEntity<Void> restore() {
        priceLists.restore();
        log.info("Price lists restored to the configuration");
        return ResponseEntity.noContent().build();
    }

    private static ResponseEntity<Object> problem(HttpStatus status, String detail) {
        return ResponseEntity.status(status).body(ProblemDetail.forStatusAndDetail(status, detail));
    }
}
