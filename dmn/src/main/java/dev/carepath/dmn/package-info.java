/**
 * The decision tables at run time: reading a DMN 1.3 table ({@link dev.carepath.dmn.DecisionTable}), the golden
 * cases that gate every deployment of it ({@link dev.carepath.dmn.GoldenCases},
 * {@link dev.carepath.dmn.GoldenCaseRunner}) and evaluation with the Operaton DMN engine that reports the matched
 * rules ({@link dev.carepath.dmn.DecisionEvaluator}). The dmn tests and the portal's deployment gate use this one
 * implementation. The jar carries the tables as {@code dmn/<key>.dmn} and their golden cases as
 * {@code dmn/golden/<key>.csv}.
 */
package dev.carepath.dmn;
