package dev.carepath.simulator.pharmacy;

import dev.carepath.simulator.Reply;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /erx/{pharmacy}/price-list}: what the pharmacy charges per therapy and state, as it stands now
 * ({@link PharmacyPriceLists}); 404 {@code unknown_pharmacy} for a pharmacy the simulator does not play. Under the
 * eRx route, so the eRx faults (latency, errors, timeouts) apply to it as to a NewRx.
 */
@RestController
class PriceListController {

    private final PharmacyPriceLists priceLists;

    PriceListController(PharmacyPriceLists priceLists) {
        this.priceLists = priceLists;
    }

    @GetMapping("/erx/{pharmacy}/price-list")
    ResponseEntity<Object> priceList(@PathVariable String pharmacy) {
        return priceLists.of(pharmacy).<ResponseEntity<Object>>map(ResponseEntity::ok)
                .orElseGet(() -> Reply.error(HttpStatus.NOT_FOUND, "unknown_pharmacy").toResponse());
    }
}
