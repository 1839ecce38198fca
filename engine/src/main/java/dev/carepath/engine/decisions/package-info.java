/**
 * The decision tables in the engine: the tables the dmn jar ships are deployed at start, but never over a table
 * clinical ops deployed since (through the portal or a modeler against the engine REST API). See
 * docs/adr/0004-decision-tables-edited-without-a-redeploy.md.
 */
package dev.carepath.engine.decisions;
