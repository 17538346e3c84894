/** The one JSON configuration of Caravan's wire and storage formats, shared by channels, the ledger and commands. */
package io.caravan.json;
