package org.livingcircle.publish.postgis;

import java.util.List;
import java.util.Optional;

/**
 * What the database holds before a swap, read from the catalogue and {@code <live>_meta.releases}.
 *
 * @param liveSchemaExists whether the live schema exists
 * @param liveReleaseId the release recorded as live, if any
 * @param keptReleaseIds releases recorded as kept, newest first
 */
record ReleaseState(
    boolean liveSchemaExists, Optional<String> liveReleaseId, List<String> keptReleaseIds) {
  static final ReleaseState EMPTY = new ReleaseState(false, Optional.empty(), List.of());

  ReleaseState {
    keptReleaseIds = List.copyOf(keptReleaseIds);
  }
}
