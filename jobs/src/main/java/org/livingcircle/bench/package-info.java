/**
 * {@code lcp bench}: ingest throughput, grid/access scaling and a PostGIS comparison of the access
 * indicators. A benchmark, never a test (house style: benchmarks never gate).
 */
package org.livingcircle.bench;
