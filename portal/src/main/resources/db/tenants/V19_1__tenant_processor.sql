-- Each tenant is charged through its own merchant account at the payment processor it chose at provisioning
-- (issue 19). Tenants provisioned before were all charged at northpay. The processor's credentials are not
-- stored here: the job-workers read them from their own secrets.
ALTER TABLE tenant ADD COLUMN processor text NOT NULL DEFAULT 'northpay';
