/**
 * The MCP server: the agent API as Model Context Protocol tools, for agents built on an LLM. Streamable HTTP at
 * {@code /mcp} (Spring AI's MCP server for WebMVC, one session per {@code initialize}), behind the same OAuth2 bearer
 * tokens as {@code /v1} (the {@code security} package: a token of an active client, its tenant, its scopes). Every
 * tool checks its scope, takes the tenant from the token, and calls the capability that serves the REST endpoint
 * of the same meaning, so validation, tenancy, idempotency and auditing are the REST API's; a refusal is a tool
 * error ({@code isError}) carrying the REST API's RFC 9457 problem ({@code type}, {@code title}, {@code status},
 * {@code detail}). Tool descriptions and input and output schemas are in {@code mcp/tools/<name>.json}.
 */
package dev.carepath.portal.mcp;
