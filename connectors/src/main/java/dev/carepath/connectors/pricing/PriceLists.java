package dev.carepath.connectors.pricing;

/**
 * The port to the partners' price lists.
 */
public interface PriceLists {

    /**
     * The price list of pharmacy {@code partner}.
     *
     * @throws dev.carepath.connectors.partner.PartnerUnavailableException when the partner cannot be asked now
     * @throws dev.carepath.connectors.partner.PartnerRejectedException    when the partner does not know the id
     */
    PriceList of(String partner);
}
