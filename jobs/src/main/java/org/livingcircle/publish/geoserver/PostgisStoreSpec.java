package org.livingcircle.publish.geoserver;

import org.livingcircle.common.Checks;

/**
 * A GeoServer PostGIS data store. {@link #toString()} shows the password as {@code ***}.
 *
 * @param name store name inside the workspace
 * @param host database host as seen from GeoServer
 * @param port database port, 1-65535
 * @param database database name
 * @param schema schema holding the published tables
 * @param user database user GeoServer connects as (read-only is enough)
 * @param password that user's password, read with {@link Credentials}
 * @param options pool and extent options
 */
public record PostgisStoreSpec(
    String name,
    String host,
    int port,
    String database,
    String schema,
    String user,
    Secret password,
    PostgisOptions options) {
  public PostgisStoreSpec {
    Names.name(name, "store");
    Names.text(host, "database host");
    Checks.check(port >= 1 && port <= 65535, "Cannot use database port %s: expected 1-65535", port);
    Names.text(database, "database name");
    Names.name(schema, "database schema");
    Names.text(user, "database user");
    Checks.notNull(password, "database password");
    Checks.notNull(options, "PostGIS options");
  }
}
