package org.livingcircle.publish.postgis;

import java.io.Serializable;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import org.livingcircle.common.Checks;
import org.livingcircle.common.PublishException;
import org.livingcircle.common.Secrets;

/**
 * JDBC URL, user and password of a PostGIS database. The password never appears in {@link
 * #toString()} or in any message; it is serializable because Spark tasks open their own connections
 * (see {@link PostgisLoadJob}).
 */
public final class PgCredentials implements Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * Environment variable holding the password (or {@code LCP_PG_PASSWORD_FILE} naming a file; not
   * both).
   */
  public static final String PASSWORD_ENV = "LCP_PG_PASSWORD";

  /**
   * Environment variable naming the password file; default {@code $HOME/.config/lcp/pg_password}.
   */
  public static final String PASSWORD_FILE_ENV = "LCP_PG_PASSWORD_FILE";

  private final String url;
  private final String user;
  private final String password;

  public PgCredentials(String url, String user, String password) {
    Checks.check(
        url != null && url.startsWith("jdbc:postgresql:"),
        "Cannot use PostGIS URL %s: not a jdbc:postgresql: URL",
        url);
    Checks.check(user != null && !user.isBlank(), "Cannot use PostGIS user '%s': empty", user);
    this.url = url;
    this.user = user;
    this.password = Checks.notNull(password, "PostGIS password");
  }

  /**
   * Password by the project's one secret rule ({@link Secrets#read}): {@code LCP_PG_PASSWORD}, or
   * the file named by {@code LCP_PG_PASSWORD_FILE}, or else {@code $HOME/.config/lcp/pg_password}
   * (written by scripts/ensure-postgis.sh).
   */
  public static PgCredentials fromEnvironment(String url, String user) {
    return resolve(url, user, System.getenv());
  }

  /**
   * As {@link #fromEnvironment(String, String)} with an explicit environment (tests, {@code
   * --pg-password-file}).
   */
  public static PgCredentials fromEnvironment(String url, String user, Map<String, String> env) {
    return resolve(url, user, env);
  }

  /** As {@link #fromEnvironment} with an explicit environment (tests). */
  static PgCredentials resolve(String url, String user, Map<String, String> env) {
    return new PgCredentials(url, user, Secrets.read(env, PASSWORD_ENV, defaultPasswordFile(env)));
  }

  /** The password file scripts/ensure-postgis.sh writes: {@code $HOME/.config/lcp/pg_password}. */
  static Path defaultPasswordFile(Map<String, String> env) {
    String home = env.getOrDefault("HOME", System.getProperty("user.home"));
    return Path.of(home, ".config", "lcp", "pg_password");
  }

  public String url() {
    return url;
  }

  public String user() {
    return user;
  }

  /**
   * The password itself: only for a connection parameter handed to another service (GeoServer's
   * PostGIS store), never for messages.
   */
  public String revealPassword() {
    return password;
  }

  /** Same URL and user, another password (e.g. to check the error on a wrong one). */
  public PgCredentials withPassword(String otherPassword) {
    return new PgCredentials(url, user, otherPassword);
  }

  /**
   * Opens a connection with auto-commit on.
   *
   * @throws PublishException "Cannot connect to PostGIS at URL as user USER: reason", without the
   *     password
   */
  public Connection connect() {
    Properties props = new Properties();
    props.setProperty("user", user);
    props.setProperty("password", password);
    props.setProperty("ApplicationName", "lcp publish");
    try {
      return DriverManager.getConnection(url, props);
    } catch (SQLException e) {
      throw new PublishException(
          String.format(
              "Cannot connect to PostGIS at %s as user %s: %s",
              url, user, redact(PgErrors.reason(e))),
          e);
    }
  }

  /** Replaces the password wherever a server or driver message would echo it. */
  String redact(String message) {
    return password.isEmpty() ? message : message.replace(password, "***");
  }

  @Override
  public String toString() {
    return user + " at " + url;
  }
}
