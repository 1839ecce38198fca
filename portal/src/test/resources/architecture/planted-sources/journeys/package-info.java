/** Planted, lawful: a capability that says what it is (SchemaOwnershipTest's planted sources; not compiled). */
package planted.journeys;
