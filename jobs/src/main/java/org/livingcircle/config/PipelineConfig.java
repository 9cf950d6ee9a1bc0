package org.livingcircle.config;

import static org.livingcircle.common.Checks.check;
import static org.livingcircle.common.Checks.notNull;

import java.nio.file.Path;
import java.util.List;

/**
 * The stage order of a city run ({@code conf/pipeline.yaml}, schema {@code
 * schemas/pipeline.schema.json}), shared by {@code lcp run}, {@code lcp demo} and the Airflow DAGs.
 *
 * @param cityStages stage ids in run order, ingest first
 */
public record PipelineConfig(List<String> cityStages) {
  public static final String SCHEMA = "pipeline.schema.json";

  public PipelineConfig {
    cityStages = List.copyOf(notNull(cityStages, "city_stages"));
    check(
        !cityStages.isEmpty() && cityStages.get(0).equals("ingest"),
        "Cannot use city_stages %s: ingest must come first",
        cityStages);
  }

  public static PipelineConfig load(Path file) {
    return YamlConfig.load(file, SCHEMA, PipelineConfig.class);
  }

  /** The stages after ingest, in order. */
  public List<String> afterIngest() {
    return cityStages.subList(1, cityStages.size());
  }
}
