package org.livingcircle.sample;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Where people and facilities are in one county: the population of each township, one settlement
 * centre per township (the seat townships around the county seat), and a sampler that draws
 * clustered points inside the county outline. Built once per county; not thread-safe (callers pass
 * their own random streams, the scratch array is internal).
 */
final class SampleLayout {
  /**
   * Share of a county's residents in its seat township(s). Yangcheng's seat has ≈130,000 of the
   * county's ≈360,000 (seed 000 preface; county total approximate), ≈36 %; urban districts (区) are
   * mostly built-up, taken as 75 %.
   */
  private static final double SEAT_SHARE_COUNTY = 0.36;

  private static final double SEAT_SHARE_DISTRICT = 0.75;

  /** Share of POIs placed uniformly in the countryside rather than in a settlement cluster. */
  static final double RURAL_POI_SHARE = 0.08;

  /** POIs per resident are this much denser in the seat than in town centres. */
  private static final double SEAT_POI_WEIGHT = 1.5;

  final SampleGeography.County county;
  final int population;

  /**
   * Population per township, parallel to {@code county.townships()}; sums exactly to {@link
   * #population}.
   */
  final int[] townshipPop;

  final boolean[] seatTownship;
  final double seatLng;
  final double seatLat;
  private final double[] centreLng;
  private final double[] centreLat;
  private final double[] sigmaM;
  private final double[] cumWeight;
  private final double[] scratch = new double[2];

  SampleLayout(SampleGeography.County county, SplittableRandom rng) {
    this.county = county;
    this.population = CountyFacts.population(county);
    CountyShape shape = county.shape();
    double[] seat = new double[2];
    if (!CountyFacts.seat(county, seat)) {
      seat[0] = (shape.minLng() + shape.maxLng()) / 2;
      seat[1] = (shape.minLat() + shape.maxLat()) / 2;
      if (!shape.contains(seat[0], seat[1])) {
        shape.randomInterior(rng, seat);
      }
    }
    seatLng = seat[0];
    seatLat = seat[1];

    List<SampleGeography.Township> towns = county.townships();
    int n = Math.max(1, towns.size());
    seatTownship = new boolean[n];
    boolean anySubdistrict = false;
    for (int i = 0; i < towns.size(); i++) {
      seatTownship[i] = suffix(towns.get(i).code()) < 100; // 街道 codes 001–099
      anySubdistrict |= seatTownship[i];
    }
    if (!anySubdistrict) {
      seatTownship[0] = true;
    }
    double seatShare = county.name().endsWith("区") ? SEAT_SHARE_DISTRICT : SEAT_SHARE_COUNTY;
    double[] weights = new double[n];
    double seatSum = 0;
    double otherSum = 0;
    for (int i = 0; i < n; i++) {
      weights[i] = seatTownship[i] ? 0.6 + 0.8 * rng.nextDouble() : Math.exp(0.5 * gaussian(rng));
      if (seatTownship[i]) {
        seatSum += weights[i];
      } else {
        otherSum += weights[i];
      }
    }
    if (otherSum == 0) {
      seatShare = 1.0;
    }
    for (int i = 0; i < n; i++) {
      weights[i] =
          seatTownship[i]
              ? seatShare * weights[i] / seatSum
              : (1 - seatShare) * weights[i] / otherSum;
    }
    townshipPop = allocate(population, weights);

    centreLng = new double[n];
    centreLat = new double[n];
    sigmaM = new double[n];
    cumWeight = new double[n];
    boolean firstSeat = true;
    double cum = 0;
    for (int i = 0; i < n; i++) {
      if (seatTownship[i]) {
        centreLng[i] = seatLng;
        centreLat[i] = seatLat;
        if (!firstSeat) {
          offset(rng, 1_500 + 2_500 * rng.nextDouble(), i);
        }
        firstSeat = false;
        sigmaM[i] = 600 + 900 * rng.nextDouble();
      } else {
        shape.randomInterior(rng, scratch);
        centreLng[i] = scratch[0];
        centreLat[i] = scratch[1];
        sigmaM[i] = 300 + 400 * rng.nextDouble();
      }
      cum += townshipPop[i] * (seatTownship[i] ? SEAT_POI_WEIGHT : 1.0);
      cumWeight[i] = cum;
    }
  }

  /**
   * Settlement centres (one per township): WGS84 degrees and the Gaussian spread of its POIs in
   * metres.
   */
  int centres() {
    return centreLng.length;
  }

  double centreLng(int i) {
    return centreLng[i];
  }

  double centreLat(int i) {
    return centreLat[i];
  }

  double centreSigmaM(int i) {
    return sigmaM[i];
  }

  private void offset(SplittableRandom rng, double distanceM, int i) {
    double angle = 2 * Math.PI * rng.nextDouble();
    double lng =
        seatLng
            + distanceM
                * Math.cos(angle)
                / (CountyShape.METERS_PER_DEGREE * Math.cos(Math.toRadians(seatLat)));
    double lat = seatLat + distanceM * Math.sin(angle) / CountyShape.METERS_PER_DEGREE;
    if (county.shape().contains(lng, lat)) {
      centreLng[i] = lng;
      centreLat[i] = lat;
    }
  }

  private static int suffix(String townshipCode) {
    return Integer.parseInt(townshipCode.substring(townshipCode.length() - 3));
  }

  /** Draws a clustered POI location inside the county into {@code out} (WGS84 degrees). */
  void samplePoi(SplittableRandom rng, double[] out) {
    if (rng.nextDouble() < RURAL_POI_SHARE) {
      county.shape().randomInterior(rng, out);
      return;
    }
    double u = rng.nextDouble() * cumWeight[cumWeight.length - 1];
    int c = 0;
    while (c < cumWeight.length - 1 && cumWeight[c] <= u) {
      c++;
    }
    sampleAround(rng, centreLng[c], centreLat[c], sigmaM[c], out);
  }

  /** Draws a point from a Gaussian of {@code sigmaM} metres around a centre, inside the county. */
  void sampleAround(SplittableRandom rng, double lng, double lat, double sigmaM, double[] out) {
    double mPerDegLng = CountyShape.METERS_PER_DEGREE * Math.cos(Math.toRadians(lat));
    for (int attempt = 0; attempt < 50; attempt++) {
      double x = lng + sigmaM * gaussian(rng) / mPerDegLng;
      double y = lat + sigmaM * gaussian(rng) / CountyShape.METERS_PER_DEGREE;
      if (county.shape().contains(x, y)) {
        out[0] = x;
        out[1] = y;
        return;
      }
    }
    out[0] = lng;
    out[1] = lat;
  }

  /** Standard normal by Box–Muller (own implementation, so output does not depend on the JDK). */
  static double gaussian(SplittableRandom rng) {
    double u1 = 1.0 - rng.nextDouble();
    double u2 = rng.nextDouble();
    return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  /** Splits {@code total} by {@code weights} (summing to 1) with largest remainders; exact sum. */
  static int[] allocate(int total, double[] weights) {
    int[] out = new int[weights.length];
    double[] rem = new double[weights.length];
    int sum = 0;
    for (int i = 0; i < weights.length; i++) {
      double exact = total * weights[i];
      out[i] = (int) Math.floor(exact);
      rem[i] = exact - out[i];
      sum += out[i];
    }
    for (int left = total - sum; left > 0; left--) {
      int best = 0;
      for (int i = 1; i < rem.length; i++) {
        if (rem[i] > rem[best]) {
          best = i;
        }
      }
      out[best]++;
      rem[best] = -1;
    }
    return out;
  }
}
