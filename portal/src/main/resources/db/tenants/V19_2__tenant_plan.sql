-- The tenant's plan: the service level pharmacy routing must meet (issue 19, docs/adr/0022-pharmacy-routing-by-cost.md).
-- standard: delivery within 5 days of dispensing; premium: within 2 days. Tenants provisioned before are standard,
-- which is how every order was routed until now.
ALTER TABLE tenant ADD COLUMN plan text NOT NULL DEFAULT 'standard' CHECK (plan IN ('standard', 'premium'));
