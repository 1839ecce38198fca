/**
 * {@code ./carepath bench} ({@code deploy/bench/bench.sh}): the journey model on a bare Operaton engine with no-op
 * workers ({@link dev.carepath.bench.BareEngine}), the whole platform driven through the portal's REST API
 * ({@link dev.carepath.bench.PlatformJourneys}), both offered journeys in steps of growing load by one driver
 * ({@link dev.carepath.bench.LoadSteps}) and measured from the same database figures
 * ({@link dev.carepath.bench.Measurements}), then the table and plots ({@link dev.carepath.bench.Report}).
 * A measuring tool: nothing here ships in a deployable.
 */
package dev.carepath.bench;
