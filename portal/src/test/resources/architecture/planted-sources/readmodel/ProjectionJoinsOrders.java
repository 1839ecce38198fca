package planted.readmodel;

/**
 * Planted: the read model joining another capability's table (breaks eachCapabilityQueriesOnlyItsOwnSchema), in a
 * capability without a package-info.java (breaks everyCapabilitySaysWhatItIs). SchemaOwnershipTest's planted
 * sources; not compiled.
 */
class ProjectionJoinsOrders {

    static final String ROWS = "SELECT j.* FROM read.journey j JOIN orders.journey_order o ON o.order_id = j.order_id";
}
