package org.livingcircle.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AggregateGapsTest {
  private static final double INF = Double.POSITIVE_INFINITY;

  @Test
  void ranksByPeopleWithTiesAndSkipsUnpopulatedAndCoveredCells() {
    long[] ids = {10, 11, 12, 13, 14, 15, 16};
    double[] pop = {50, 0, 100, 50, 10, 50, 30};
    // threshold 800 m: 13 (500 m) and 16 (exactly 800 m) are covered; 11 has nobody
    double[] dist = {900, 2000, INF, 500, 1000, 801, 800};
    GapRanking.Gaps g = GapRanking.rank(ids, pop, dist, 800);
    // 12 (100 people) first; 10 and 15 (50 each) share rank 2, ordered by id; then 14 at rank 4
    assertThat(g.origin()).containsExactly(2, 0, 5, 4);
    assertThat(g.rank()).containsExactly(1, 2, 2, 4);
  }

  @Test
  void noGaps() {
    GapRanking.Gaps g =
        GapRanking.rank(new long[] {1, 2}, new double[] {0, 5}, new double[] {INF, 10}, 400);
    assertThat(g.size()).isZero();
  }
}
