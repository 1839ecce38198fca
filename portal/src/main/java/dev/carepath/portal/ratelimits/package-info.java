/**
 * Rate limits, schema {@code ratelimits}: token buckets (Bucket4j) whose state lives in PostgreSQL, so every portal
 * node draws on the same buckets. An agent's {@code /v1/**} request takes a token from its client's bucket and from
 * its tenant's (sizes from the tenant's plan, {@code carepath.rate-limits.plans}); {@code /oauth2/token} has a
 * bucket per client id (or, without one, per remote address), and each partner's webhook ingress one of its own.
 * Over a limit: 429 problem {@code rate-limited} with {@code Retry-After} and the IETF {@code RateLimit} and
 * {@code RateLimit-Policy} headers (draft-ietf-httpapi-ratelimit-headers), which every limited answer carries.
 */
package dev.carepath.portal.ratelimits;
