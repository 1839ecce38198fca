/**
 * What every HTTP endpoint of the portal shares, including endpoints added later: RFC 9457 problem responses with
 * stable {@code type} URIs ({@link dev.carepath.portal.web.Problems}) for every error, the framework's and the
 * container's too (on top of the contracts module's error contract); the edge checks that run before security and
 * before any endpoint reads a request (header bytes, content and accepted types, body limits, card numbers in any
 * value, header, path or query); and the strict reading of JSON bodies.
 */
package dev.carepath.portal.web;
