package dev.carepath.workers.pharmacy;

import dev.carepath.connectors.pricing.PharmacyPriceFacts;
import dev.carepath.workers.tasks.JourneyTask;
import dev.carepath.workers.tasks.RetryPolicy;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.client.spring.annotation.ExternalTaskSubscription;
import org.camunda.bpm.client.task.ExternalTask;
import org.springframework.stereotype.Component;

/**
 * {@code quote-pharmacy-prices}: reads each pharmacy's price for the journey's state and therapy from the
 * pharmacies' price lists (cached for a short while, {@code carepath.partners.price-lists.ttl}) and hands them to the
 * process as {@code <pharmacy>PriceCents} variables ({@link PharmacyPriceFacts}), null where a pharmacy does not
 * quote the therapy. The next task, the pharmacy routing decision, compares them: this worker chooses nothing.
 * Prices are routing facts, neither PHI nor secret. A price list that cannot be read is retried like any partner
 * call, then an incident; routing never runs on a guess.
 */
@Component
@ExternalTaskSubscription(topicName = QuotePharmacyPricesWorker.TOPIC,
        variableNames = {"stateCode", "therapy", JourneyTask.TRACEPARENT})
public class QuotePharmacyPricesWorker extends JourneyTask {

    static final String TOPIC = "quote-pharmacy-prices";

    private final PharmacyPriceFacts prices;

    QuotePharmacyPricesWorker(PharmacyPriceFacts prices, RetryPolicy retries) {
        super(TOPIC, Set.of(), retries);
        this.prices = prices;
    }

    @Override
    protected Map<String, Object> perform(ExternalTask task) {
        return prices.inputs(task.getVariable("stateCode"), task.getVariable("therapy"));
    }
}
