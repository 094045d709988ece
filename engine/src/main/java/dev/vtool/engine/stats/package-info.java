/** Traffic counters (4.34's {@code stats} app) and the pipeline handler that feeds them. */
package dev.vtool.engine.stats;
