package org.livingcircle.publish.geoserver;

import org.livingcircle.common.Checks;

/**
 * PostGIS data store options, sent as GeoServer connection parameters under the keys tabulated for
 * PostGIS in swagger2/datastores.yaml ({@code dataStorePost}).
 *
 * @param exposePrimaryKeys "Expose primary keys" (GeoServer default false): true so WFS clients see
 *     the cell/facility id
 * @param looseBbox "Loose bbox" (default true): bbox filters use the index only
 * @param estimatedExtends "Estimated extends" (default true): false, because {@code
 *     ST_EstimatedExtent} returns NULL or ~95 % extents on freshly loaded tables until ANALYZE
 *     (anchors-pipeline §7 item 13)
 * @param fetchSize "fetch size" (default 1000), rows per round trip
 * @param maxConnections "max connections" (default 10)
 * @param validateConnections "validate connections" (default true)
 */
public record PostgisOptions(
    boolean exposePrimaryKeys,
    boolean looseBbox,
    boolean estimatedExtends,
    int fetchSize,
    int maxConnections,
    boolean validateConnections) {
  public PostgisOptions {
    Checks.positive(fetchSize, "fetch size");
    Checks.positive(maxConnections, "max connections");
  }

  /** Our defaults: primary keys exposed, loose bbox, exact extents, GeoServer's pool defaults. */
  public static PostgisOptions defaults() {
    return new PostgisOptions(true, true, false, 1000, 10, true);
  }
}
