package org.livingcircle.access;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.livingcircle.config.Tier;
import org.livingcircle.config.WalkModel;

/**
 * Micro-benchmark of {@link AccessKernel} (not a test; never gates the build). Origins sit on a 100
 * m grid; facilities are uniform ("uniform") or half in Gaussian town clusters ("towns"); 25
 * categories, thresholds 5/10/15 min, search limit 20 min at 80 m/min and detour 1.25 (1,280 m
 * straight line). Prints origins per second, the median of three runs, single-threaded and with one
 * kernel per available processor.
 *
 * <pre>
 * mvn -B -q -pl jobs -am test-compile
 * java -Xmx6g -cp jobs/target/classes:jobs/target/test-classes org.livingcircle.access.AccessKernelBench [origins] [facilities]
 * </pre>
 */
final class AccessKernelBench {
  private static final int N_CATEGORIES = 25;
  private static final double CELL_METERS = 100;

  public static void main(String[] args) throws InterruptedException {
    int nOrigins = args.length > 0 ? Integer.parseInt(args[0]) : 1_500_000;
    int nFacilities = args.length > 1 ? Integer.parseInt(args[1]) : 300_000;
    int side = (int) Math.ceil(Math.sqrt(nOrigins));
    double[] ox = new double[nOrigins];
    double[] oy = new double[nOrigins];
    for (int o = 0; o < nOrigins; o++) {
      ox[o] = 39_500_000 + (o % side + 0.5) * CELL_METERS;
      oy[o] = 4_000_000 + (o / side + 0.5) * CELL_METERS;
    }
    double sideMeters = side * CELL_METERS;
    Tier[] tiers = new Tier[N_CATEGORIES];
    for (int c = 0; c < N_CATEGORIES; c++) {
      tiers[c] = c < 13 ? Tier.BASIC : Tier.QUALITY;
    }
    AccessParams params =
        new AccessParams(new WalkModel(80, 1.25), new int[] {5, 10, 15}, 20, tiers, 10, 15);
    double limitMeters = params.walk().euclideanMetersFor(params.searchLimitMin());
    int threads = Runtime.getRuntime().availableProcessors();
    System.out.printf(
        "origins %,d on a %,.0f m square, facilities %,d, categories %d, search radius %.0f m, %d processors%n",
        nOrigins, sideMeters, nFacilities, N_CATEGORIES, limitMeters, threads);

    for (String layout : new String[] {"uniform", "towns"}) {
      double[][] facilities = facilities(layout, nFacilities, sideMeters);
      for (double bucketMeters : new double[] {limitMeters / 2, limitMeters / 4}) {
        long t0 = System.nanoTime();
        FacilityIndex index =
            new FacilityIndex(
                facilities[0],
                facilities[1],
                categories(nFacilities),
                facilities[2],
                N_CATEGORIES,
                bucketMeters);
        double buildS = (System.nanoTime() - t0) / 1e9;
        AccessIndicators out = new AccessIndicators(params, nOrigins);
        double single = median(() -> run(index, params, ox, oy, 1, out));
        double parallel = median(() -> run(index, params, ox, oy, threads, out));
        System.out.printf(
            "%-7s bucket %4.0f m: index %.2f s; 1 thread %,.0f origins/s; %d threads %,.0f origins/s%n",
            layout, bucketMeters, buildS, nOrigins / single, threads, nOrigins / parallel);
      }
    }
  }

  private interface Run {
    double seconds() throws InterruptedException;
  }

  private static double median(Run run) throws InterruptedException {
    double[] s = new double[3];
    for (int i = 0; i < 3; i++) {
      s[i] = run.seconds();
    }
    Arrays.sort(s);
    return s[1];
  }

  /**
   * Times one pass; {@code out} is reused so that no run pays for allocating or collecting results.
   */
  private static double run(
      FacilityIndex index,
      AccessParams params,
      double[] ox,
      double[] oy,
      int threads,
      AccessIndicators out)
      throws InterruptedException {
    long t0 = System.nanoTime();
    Thread[] workers = new Thread[threads];
    for (int w = 0; w < threads; w++) {
      int from = (int) ((long) ox.length * w / threads);
      int to = (int) ((long) ox.length * (w + 1) / threads);
      workers[w] = new Thread(() -> new AccessKernel(index, params).compute(ox, oy, from, to, out));
      workers[w].start();
    }
    for (Thread worker : workers) {
      worker.join();
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    long checksum = 0;
    for (int o = 0; o < ox.length; o += 997) {
      checksum += out.nBasicTypes[o];
    }
    if (checksum < 0) {
      System.out.println(checksum);
    }
    return seconds;
  }

  private static int[] categories(int n) {
    SplittableRandom random = new SplittableRandom(2);
    int[] category = new int[n];
    for (int f = 0; f < n; f++) {
      category[f] = random.nextInt(N_CATEGORIES);
    }
    return category;
  }

  /**
   * {x, y, capacity}: uniform over the square, or half uniform and half around 40 towns (σ = 1.5
   * km).
   */
  private static double[][] facilities(String layout, int n, double sideMeters) {
    SplittableRandom random = new SplittableRandom(1);
    double[] x = new double[n];
    double[] y = new double[n];
    double[] capacity = new double[n];
    double[] townX = new double[40];
    double[] townY = new double[40];
    for (int t = 0; t < townX.length; t++) {
      townX[t] = 39_500_000 + random.nextDouble() * sideMeters;
      townY[t] = 4_000_000 + random.nextDouble() * sideMeters;
    }
    for (int f = 0; f < n; f++) {
      if (layout.equals("towns") && f % 2 == 0) {
        int t = random.nextInt(townX.length);
        x[f] = townX[t] + gaussian(random) * 1_500;
        y[f] = townY[t] + gaussian(random) * 1_500;
      } else {
        x[f] = 39_500_000 + random.nextDouble() * sideMeters;
        y[f] = 4_000_000 + random.nextDouble() * sideMeters;
      }
      capacity[f] = 1;
    }
    return new double[][] {x, y, capacity};
  }

  private static double gaussian(SplittableRandom random) {
    return Math.sqrt(-2 * Math.log(1 - random.nextDouble()))
        * Math.cos(2 * Math.PI * random.nextDouble());
  }
}
