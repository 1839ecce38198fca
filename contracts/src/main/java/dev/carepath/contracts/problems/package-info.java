/**
 * The error contract every HTTP deployable of carepath keeps: each error answer is an RFC 9457
 * {@code application/problem+json} body with a {@code type} of ours ({@code https://carepath.dev/problems/<name>}),
 * whoever gives it. {@link dev.carepath.contracts.problems.ProblemTypes} names the types a bare status stands for;
 * {@link dev.carepath.contracts.problems.ProblemErrorsAutoConfiguration} applies the contract to any Spring Boot
 * servlet application that has this module on its class path: Tomcat's own error report, the {@code /error} page,
 * Spring MVC's untyped problems and Spring Security's firewall refusals.
 */
package dev.carepath.contracts.problems;
