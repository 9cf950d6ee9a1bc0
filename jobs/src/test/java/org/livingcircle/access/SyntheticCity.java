package org.livingcircle.access;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Test fixture: origins (with population) and facilities (with category and capacity) in metres,
 * either listed by hand or drawn at random around any CRS offset. Coordinates of random cities are
 * whole metres, so planted facilities at 3-4-5 offsets lie at exactly representable distances.
 */
final class SyntheticCity {
  double[] originX = new double[0];
  double[] originY = new double[0];
  double[] population = new double[0];
  double[] facilityX = new double[0];
  double[] facilityY = new double[0];
  int[] category = new int[0];
  double[] capacity = new double[0];
  final int nCategories;

  SyntheticCity(int nCategories) {
    this.nCategories = nCategories;
  }

  SyntheticCity origin(double x, double y, double people) {
    int n = originX.length;
    originX = Arrays.copyOf(originX, n + 1);
    originY = Arrays.copyOf(originY, n + 1);
    population = Arrays.copyOf(population, n + 1);
    originX[n] = x;
    originY[n] = y;
    population[n] = people;
    return this;
  }

  SyntheticCity facility(double x, double y, int cat, double places) {
    int n = facilityX.length;
    facilityX = Arrays.copyOf(facilityX, n + 1);
    facilityY = Arrays.copyOf(facilityY, n + 1);
    category = Arrays.copyOf(category, n + 1);
    capacity = Arrays.copyOf(capacity, n + 1);
    facilityX[n] = x;
    facilityY[n] = y;
    category[n] = cat;
    capacity[n] = places;
    return this;
  }

  FacilityIndex index(double bucketMeters) {
    return new FacilityIndex(facilityX, facilityY, category, capacity, nCategories, bucketMeters);
  }

  /**
   * A random city: origins on whole metres in a square of {@code sideMeters} at (x0, y0);
   * facilities of every category but the last (left empty) in the square grown by {@code
   * borderMeters} on each side (so some lie across the border); about 5 % of facilities duplicated
   * at the same point; and, per origin of every tenth, facilities planted at 3-4-5 offsets of
   * {@code plantedMeters} (exact distances) and just beyond {@code beyondMeters}. Populations are
   * whole numbers in [0, 200], about 10 % zero; capacities are powers of two.
   */
  static SyntheticCity random(
      long seed,
      int nOrigins,
      int nFacilities,
      int nCategories,
      double x0,
      double y0,
      double sideMeters,
      double borderMeters,
      double[] plantedMeters,
      double beyondMeters) {
    SplittableRandom random = new SplittableRandom(seed);
    SyntheticCity city = new SyntheticCity(nCategories);
    int filled = nCategories - 1;
    for (int o = 0; o < nOrigins; o++) {
      double x = x0 + Math.floor(random.nextDouble() * sideMeters);
      double y = y0 + Math.floor(random.nextDouble() * sideMeters);
      double people = random.nextInt(10) == 0 ? 0 : random.nextInt(1, 201);
      city.origin(x, y, people);
    }
    for (int f = 0; f < nFacilities; f++) {
      double x = x0 - borderMeters + random.nextDouble() * (sideMeters + 2 * borderMeters);
      double y = y0 - borderMeters + random.nextDouble() * (sideMeters + 2 * borderMeters);
      int cat = random.nextInt(filled);
      double places = 1 << random.nextInt(6);
      city.facility(x, y, cat, places);
      if (random.nextInt(20) == 0) {
        city.facility(x, y, cat, places);
      }
    }
    for (int o = 0; o < nOrigins; o += 10) {
      int cat = random.nextInt(filled);
      for (double r : plantedMeters) {
        double sx = random.nextBoolean() ? 1 : -1;
        double sy = random.nextBoolean() ? 1 : -1;
        city.facility(city.originX[o] + sx * 0.6 * r, city.originY[o] + sy * 0.8 * r, cat, 1);
      }
      city.facility(city.originX[o] + beyondMeters, city.originY[o], cat, 1);
    }
    return city;
  }
}
