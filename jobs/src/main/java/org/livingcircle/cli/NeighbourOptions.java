package org.livingcircle.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Other cities whose facilities serve this city's residents near the border. */
final class NeighbourOptions {
  @Option(names = "--neighbour-out",
      description = "Another city's output directory whose facilities serve residents near the border (repeatable)")
  List<Path> dirs = new ArrayList<>();
}
