package org.livingcircle.pipeline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.livingcircle.common.CityLayout;
import org.livingcircle.common.InputException;
import org.livingcircle.common.Stage;
import org.livingcircle.config.CityConfig;

/**
 * The ingest outputs of the cities whose facilities serve a city's border ({@code neighbours:} in
 * its configuration). A neighbour's output directory is the city's own with the last path element
 * equal to the city id replaced by the neighbour's id: {@code out/demo/jincheng} → {@code
 * out/demo/changzhi}, {@code data/jincheng/dt=2026-01-01} → {@code data/changzhi/dt=2026-01-01}.
 * The same rule serves the demo, {@code lcp run}, {@code lcp access} and the Airflow DAGs, so they
 * compute the same indicators.
 */
public final class Neighbours {
  private Neighbours() {}

  /**
   * Ingest directories of the configured neighbours of {@code city}, or of {@code explicitCityOuts}
   * when given (they replace the configured ones). Each must hold a committed ingest ({@code
   * manifest.json}).
   *
   * @throws InputException when a neighbour's ingest is missing, naming the directory and what to
   *     do
   */
  public static List<Path> ingestDirs(
      CityConfig city, CityLayout layout, List<Path> explicitCityOuts) {
    List<Path> cityOuts = new ArrayList<>();
    if (!explicitCityOuts.isEmpty()) {
      explicitCityOuts.forEach(p -> cityOuts.add(p.toAbsolutePath().normalize()));
    } else {
      for (String id : city.neighbours()) {
        cityOuts.add(cityOutOf(city.id(), layout.dir(), id));
      }
    }
    List<Path> ingests = new ArrayList<>();
    for (Path out : cityOuts) {
      Path ingest = CityLayout.of(out).ingest();
      if (!Files.isRegularFile(CityLayout.of(out).manifest(Stage.INGEST))) {
        throw new InputException(
            "Cannot read neighbour facilities of "
                + city.id()
                + ": no ingest output in "
                + ingest
                + "; ingest that city first (same period), pass --neighbour-out DIR, or --no-neighbours");
      }
      ingests.add(ingest);
    }
    return List.copyOf(ingests);
  }

  /** The output directory of neighbour {@code neighbourId}, by the rule in the class comment. */
  static Path cityOutOf(String cityId, Path cityOut, String neighbourId) {
    Path dir = cityOut.toAbsolutePath().normalize();
    for (int i = dir.getNameCount() - 1; i >= 0; i--) {
      if (dir.getName(i).toString().equals(cityId)) {
        Path replaced = dir.getRoot() == null ? Path.of("") : dir.getRoot();
        for (int j = 0; j < dir.getNameCount(); j++) {
          replaced = replaced.resolve(j == i ? neighbourId : dir.getName(j).toString());
        }
        return replaced;
      }
    }
    throw new InputException(
        "Cannot find neighbour "
            + neighbourId
            + " of "
            + cityId
            + ": output directory "
            + cityOut
            + " has no path element '"
            + cityId
            + "' to replace; pass --neighbour-out DIR or --no-neighbours");
  }
}
