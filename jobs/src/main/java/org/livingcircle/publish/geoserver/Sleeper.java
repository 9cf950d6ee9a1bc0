package org.livingcircle.publish.geoserver;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Waits between retries; tests inject a recording sleeper so backoff is exact and instant. */
@FunctionalInterface
public interface Sleeper {
  void sleep(Duration duration) throws InterruptedException;

  /**
   * Sleeps a uniformly random time in [duration/2, duration] ("equal jitter"), so clients retrying
   * together spread out.
   */
  static Sleeper jittered() {
    return duration -> {
      long millis = duration.toMillis();
      long half = millis / 2;
      Thread.sleep(half + ThreadLocalRandom.current().nextLong(millis - half + 1));
    };
  }
}
