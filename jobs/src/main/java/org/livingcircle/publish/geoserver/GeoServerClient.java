package org.livingcircle.publish.geoserver;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.livingcircle.common.Checks;
import org.livingcircle.common.PublishException;

/**
 * A small GeoServer REST client on {@link HttpClient}: HTTP Basic sent pre-emptively, {@code
 * Accept: application/json}, per-request timeout, and bounded exponential backoff on 5xx, timeouts
 * and connection failures.
 *
 * <p>Only idempotent requests (GET, PUT, DELETE) are repeated by {@link #send}. A POST whose answer
 * was lost may have been applied, and GeoServer answers a repeated create with 500 "already exists"
 * for stores and feature types (409 for workspaces, 403 for styles; anchors-pipeline §3.2), which
 * is indistinguishable from a real server error. So {@link #create} looks again before each repeat
 * and stops as soon as the resource exists.
 *
 * <p>401 and 403 fail at once with one line naming the URL and the user. No message contains the
 * password: answer texts are scrubbed of it. Thread-safe; no logging.
 */
public final class GeoServerClient {
  private static final int MAX_REASON_CHARS = 200;

  private final GeoServerSettings settings;
  private final Sleeper sleeper;
  private final HttpClient http;
  private final String authorization;

  public GeoServerClient(GeoServerSettings settings, Sleeper sleeper) {
    this.settings = Checks.notNull(settings, "GeoServer settings");
    this.sleeper = Checks.notNull(sleeper, "sleeper");
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(settings.timeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    String userPassword = settings.user() + ":" + settings.password().reveal();
    this.authorization =
        "Basic "
            + Base64.getEncoder().encodeToString(userPassword.getBytes(StandardCharsets.UTF_8));
  }

  public GeoServerSettings settings() {
    return settings;
  }

  /**
   * Sends {@code request}, repeating idempotent requests after 5xx, timeouts and connection
   * failures up to {@link GeoServerSettings#maxAttempts()} attempts. Returns any other answer,
   * including 4xx such as 404.
   *
   * @throws PublishException on 401/403, when attempts are exhausted, or for a POST that failed
   *     transiently
   */
  public RestResponse send(RestRequest request) {
    return send(request, request.idempotent());
  }

  /**
   * Like {@link #send} but repeats any method, for POSTs that are safe to repeat (GeoWebCache
   * truncation).
   */
  public RestResponse sendRepeatable(RestRequest request) {
    return send(request, true);
  }

  private RestResponse send(RestRequest request, boolean repeatable) {
    int attempts = repeatable ? settings.maxAttempts() : 1;
    Failure last = null;
    for (int attempt = 1; attempt <= attempts; attempt++) {
      if (attempt > 1) {
        pause(request, attempt - 1);
      }
      Outcome outcome = attempt(request);
      if (outcome.response() != null) {
        return outcome.response();
      }
      last = outcome.failure();
    }
    throw exhausted(request, last, attempts, repeatable);
  }

  /**
   * Creates a resource with {@code post}; after a 5xx or timeout, sends {@code look} (a GET of the
   * new resource) and repeats the POST only if the answer is 404. Returns the POST's answer, or the
   * look's 200 when an earlier attempt turned out to have succeeded.
   *
   * @throws PublishException on 401/403 or when attempts are exhausted
   */
  public RestResponse create(RestRequest post, RestRequest look) {
    Checks.check(look.method().equals("GET"), "Cannot look with %s: expected a GET", look);
    Failure last = null;
    for (int attempt = 1; attempt <= settings.maxAttempts(); attempt++) {
      if (attempt > 1) {
        pause(post, attempt - 1);
        RestResponse seen = send(look);
        if (seen.ok()) {
          return seen;
        }
        if (!seen.notFound()) {
          throw unexpected(look, seen, "200 or 404");
        }
      }
      Outcome outcome = attempt(post);
      if (outcome.response() != null) {
        return outcome.response();
      }
      last = outcome.failure();
    }
    throw exhausted(post, last, settings.maxAttempts(), true);
  }

  /**
   * A {@link PublishException} for an answer the caller did not expect, e.g. 400 with GeoServer's
   * reason.
   */
  public PublishException unexpected(RestRequest request, RestResponse response, String expected) {
    return new PublishException(
        "Cannot "
            + request.method()
            + " "
            + url(request)
            + ": HTTP "
            + response.status()
            + reason(response.body())
            + " (expected "
            + expected
            + ")");
  }

  private Outcome attempt(RestRequest request) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(url(request))
            .timeout(settings.timeout())
            .header("Authorization", authorization)
            .header("Accept", "application/json");
    if (request.body().isEmpty()) {
      builder.method(request.method(), HttpRequest.BodyPublishers.noBody());
    } else {
      builder.header("Content-Type", request.contentType() + "; charset=UTF-8");
      builder.method(
          request.method(),
          HttpRequest.BodyPublishers.ofString(request.body(), StandardCharsets.UTF_8));
    }
    HttpResponse<String> answer;
    try {
      answer =
          http.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (HttpTimeoutException e) {
      return Outcome.failed(new Failure("timed out after " + describe(settings.timeout())));
    } catch (ConnectException e) {
      return Outcome.failed(new Failure("connection refused"));
    } catch (IOException e) {
      return Outcome.failed(
          new Failure(e.getClass().getSimpleName() + scrubbed(String.valueOf(e.getMessage()))));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PublishException(
          "Cannot " + request.method() + " " + url(request) + ": interrupted", e);
    }
    RestResponse response =
        new RestResponse(
            answer.statusCode(), answer.body(), answer.headers().firstValue("Location").orElse(""));
    if (response.status() == 401) {
      throw new PublishException(
          "Cannot "
              + request.method()
              + " "
              + url(request)
              + ": HTTP 401 Unauthorized for user '"
              + settings.user()
              + "'; check GEOSERVER_USER and GEOSERVER_PASSWORD");
    }
    if (response.status() == 403) {
      throw new PublishException(
          "Cannot "
              + request.method()
              + " "
              + url(request)
              + ": HTTP 403 Forbidden for user '"
              + settings.user()
              + "'"
              + reason(response.body())
              + "; the user needs GeoServer's ADMIN role for REST");
    }
    if (response.status() >= 500) {
      return Outcome.failed(new Failure("HTTP " + response.status() + reason(response.body())));
    }
    return new Outcome(response, null);
  }

  private void pause(RestRequest request, int failedAttempt) {
    try {
      sleeper.sleep(settings.backoffAfter(failedAttempt));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PublishException(
          "Cannot " + request.method() + " " + url(request) + ": interrupted", e);
    }
  }

  private PublishException exhausted(
      RestRequest request, Failure last, int attempts, boolean repeatable) {
    String tries = attempts == 1 ? "" : " after " + attempts + " attempts";
    String hint = repeatable ? "" : "; a POST is not repeated, run the publish again to resume";
    return new PublishException(
        "Cannot " + request.method() + " " + url(request) + ": " + last.reason() + tries + hint);
  }

  private URI url(RestRequest request) {
    return settings.resolve(request.target());
  }

  /** The first line of a GeoServer answer, scrubbed and shortened, as ": text" or "" if empty. */
  private String reason(String body) {
    String text = body == null ? "" : body.strip();
    int newline = text.indexOf('\n');
    if (newline >= 0) {
      text = text.substring(0, newline).strip();
    }
    if (text.length() > MAX_REASON_CHARS) {
      text = text.substring(0, MAX_REASON_CHARS) + "…";
    }
    return text.isEmpty() ? "" : ": " + scrub(text);
  }

  private String scrubbed(String message) {
    return message.isEmpty() || message.equals("null") ? "" : ": " + scrub(message);
  }

  private String scrub(String text) {
    return text.replace(settings.password().reveal(), "***");
  }

  private static String describe(Duration duration) {
    return duration.toMillis() % 1000 == 0
        ? duration.toSeconds() + " s"
        : duration.toMillis() + " ms";
  }

  private record Failure(String reason) {}

  private record Outcome(RestResponse response, Failure failure) {
    static Outcome failed(Failure failure) {
      return new Outcome(null, failure);
    }
  }
}
