package planted.journeys;

/** Planted, lawful: journeys queries its own schema, orders (SchemaOwnershipTest's planted sources; not compiled). */
class JourneyRows {

    static final String COUNT = "SELECT count(*) FROM orders.journey_order WHERE tenant_id = ?";
}
