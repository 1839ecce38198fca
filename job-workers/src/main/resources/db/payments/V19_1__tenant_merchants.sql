-- Each tenant is charged through its own merchant account at the processor it chose at provisioning (issue 19).
-- merchant: where the tenant's next cycle is charged, as tenant.provisioned and tenant.merchant-changed said it;
-- sequence is the tenant aggregate's event sequence, so an event delivered late never overwrites a newer one.
-- Never the processor's credentials: those are secrets of this deployable (carepath.payments.merchant-keys).
CREATE TABLE merchant (
    tenant_id        text        PRIMARY KEY,
    processor        text        NOT NULL,
    merchant_account text        NOT NULL,
    sequence         bigint      NOT NULL,
    updated_at       timestamptz NOT NULL DEFAULT now()
);

-- cycle_merchant: the processor and merchant account a cycle is charged at, fixed before the processor is first
-- asked, so every attempt of the cycle's charge (a re-run after a lost answer, the dunning retry) and its refund
-- go where the cycle was charged, whatever the tenant changed in between: a change applies to the next cycle.
CREATE TABLE cycle_merchant (
    tenant_id        text        NOT NULL,
    order_id         text        NOT NULL,
    cycle            integer     NOT NULL CHECK (cycle >= 1),
    processor        text        NOT NULL,
    merchant_account text        NOT NULL,
    pinned_at        timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, order_id, cycle)
);
