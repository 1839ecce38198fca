-- Partner webhooks name an order, not a tenant: the ingress must learn the order's tenant before it
-- can open that tenant's transaction. That one lookup declares the purpose 'order-routing', which this
-- policy admits to read journey_order (Journeys.tenantOf selects the tenant column only); it grants no
-- write and no other table (docs/adr/0006-tenancy-and-row-level-security.md).
CREATE POLICY order_routing ON journey_order FOR SELECT
    USING (current_setting('app.purpose', true) = 'order-routing');
