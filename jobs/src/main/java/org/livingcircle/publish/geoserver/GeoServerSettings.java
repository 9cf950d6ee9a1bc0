package org.livingcircle.publish.geoserver;

import java.net.URI;
import java.time.Duration;
import org.livingcircle.common.Checks;

/**
 * Where and how to reach GeoServer. {@link #toString()} shows the password as {@code ***}.
 *
 * @param baseUrl GeoServer web application root, e.g. {@code http://gs:8080/geoserver} (REST lives
 *     under {@code /rest}, GeoWebCache REST under {@code /gwc/rest})
 * @param user REST user (HTTP Basic)
 * @param password REST password, read with {@link Credentials}
 * @param timeout connect and per-request timeout
 * @param maxAttempts attempts per request including the first, at least 1
 * @param initialBackoff wait after the first failed attempt; doubles after each further failure
 * @param maxBackoff upper bound of a single wait
 */
public record GeoServerSettings(
    URI baseUrl,
    String user,
    Secret password,
    Duration timeout,
    int maxAttempts,
    Duration initialBackoff,
    Duration maxBackoff) {
  /**
   * GeoWebCache waits up to 60 s for its configuration lock (geowebcache#993), so requests may take
   * that long.
   */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(90);

  public GeoServerSettings {
    Checks.notNull(baseUrl, "GeoServer base URL");
    Checks.check(
        baseUrl.getScheme() != null
            && (baseUrl.getScheme().equals("http") || baseUrl.getScheme().equals("https"))
            && baseUrl.getHost() != null,
        "Cannot use GeoServer base URL %s: expected http(s)://host[:port]/geoserver",
        baseUrl);
    Checks.check(
        baseUrl.getQuery() == null && baseUrl.getUserInfo() == null,
        "Cannot use GeoServer base URL %s: it must not contain a query or user info",
        baseUrl);
    Checks.check(
        !baseUrl.getPath().endsWith("/rest") && !baseUrl.getPath().endsWith("/rest/"),
        "Cannot use GeoServer base URL %s: give the web application root, without /rest",
        baseUrl);
    Checks.check(
        user != null && !user.isBlank(), "Cannot use GeoServer user '%s': it is blank", user);
    Checks.notNull(password, "GeoServer password");
    Checks.check(
        timeout != null && !timeout.isNegative() && !timeout.isZero(),
        "Cannot use GeoServer timeout %s: it must be positive",
        timeout);
    Checks.positive(maxAttempts, "GeoServer max attempts");
    Checks.check(
        initialBackoff != null && !initialBackoff.isNegative(),
        "Cannot use GeoServer initial backoff %s: it must not be negative",
        initialBackoff);
    Checks.check(
        maxBackoff != null && maxBackoff.compareTo(initialBackoff) >= 0,
        "Cannot use GeoServer max backoff %s: it must be at least the initial backoff %s",
        maxBackoff,
        initialBackoff);
    String path =
        baseUrl.getPath().endsWith("/")
            ? baseUrl.getPath().substring(0, baseUrl.getPath().length() - 1)
            : baseUrl.getPath();
    baseUrl = baseUrl.resolve(path.isEmpty() ? "/" : path);
  }

  /** Defaults: 90 s timeout, 4 attempts, 1 s backoff doubling up to 30 s. */
  public static GeoServerSettings of(URI baseUrl, String user, Secret password) {
    return new GeoServerSettings(
        baseUrl, user, password, DEFAULT_TIMEOUT, 4, Duration.ofSeconds(1), Duration.ofSeconds(30));
  }

  /** The same settings with another timeout. */
  public GeoServerSettings withTimeout(Duration newTimeout) {
    return new GeoServerSettings(
        baseUrl, user, password, newTimeout, maxAttempts, initialBackoff, maxBackoff);
  }

  /** The same settings with another retry policy. */
  public GeoServerSettings withRetries(
      int newMaxAttempts, Duration newInitialBackoff, Duration newMaxBackoff) {
    return new GeoServerSettings(
        baseUrl, user, password, timeout, newMaxAttempts, newInitialBackoff, newMaxBackoff);
  }

  /** The wait after failed attempt {@code attempt} (1-based): initial × 2^(attempt−1), capped. */
  public Duration backoffAfter(int attempt) {
    Duration wait = initialBackoff;
    for (int i = 1; i < attempt && wait.compareTo(maxBackoff) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
  }

  /** The absolute URL of a request target. */
  public URI resolve(String target) {
    String base = baseUrl.toString();
    return URI.create(
        base.endsWith("/") ? base.substring(0, base.length() - 1) + target : base + target);
  }
}
