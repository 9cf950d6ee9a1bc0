package org.livingcircle.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.livingcircle.RepoPaths;

class ReleaseMetadataTest {
  private static final ReleaseConfig CONFIG = ReleaseConfig.load(RepoPaths.of("conf/release.yaml"));
  private static final double[] BBOX = {111.9, 35.2, 113.8, 36.9};

  @Test
  void dcatDistributionsCarryDownloadUrlsUnderTheVersionedBase() {
    Metadata.Distribution d =
        new Metadata.Distribution(
            "x",
            "X",
            "X table",
            Metadata.PARQUET,
            "PARQUET",
            "stac/items/x.json",
            List.of(new Metadata.FileFact("tables/x/part-0.parquet", 10, "ab12")));

    Map<String, Object> root =
        Metadata.dcat(CONFIG, "20260101-deadbeef", "2026-01-01", BBOX, List.of(d));

    @SuppressWarnings("unchecked")
    Map<String, Object> dataset = (Map<String, Object>) root.get("dcat:dataset");
    @SuppressWarnings("unchecked")
    Map<String, Object> dist =
        (Map<String, Object>) ((List<Object>) dataset.get("dcat:distribution")).get(0);
    assertThat(dist.get("dcat:downloadURL"))
        .isEqualTo(
            List.of(
                Map.of(
                    "@id",
                    "https://example.org/living-circle/releases/20260101-deadbeef/tables/x/part-0.parquet")));
    assertThat(dist.get("dcat:accessURL"))
        .isEqualTo(
            Map.of(
                "@id",
                "https://example.org/living-circle/releases/20260101-deadbeef/stac/items/x.json"));
    assertThat(dataset.get("dct:accrualPeriodicity"))
        .isEqualTo(
            Map.of("@id", "http://publications.europa.eu/resource/authority/frequency/QUARTERLY"));
    assertThat(root.get("@context")).isInstanceOf(Map.class);
  }

  @Test
  void wktBboxIsAClosedCounterClockwiseRing() {
    assertThat(Metadata.wkt(BBOX))
        .isEqualTo(
            "POLYGON((111.900000 35.200000, 113.800000 35.200000, 113.800000 36.900000, 111.900000 36.900000, 111.900000 35.200000))");
  }

  @Test
  void stacItemHasOneAssetPerPartFileAndTheTableBbox() {
    Metadata.Table t =
        new Metadata.Table(
            "jincheng-cells",
            "Jincheng cells",
            "jincheng",
            "cells",
            3,
            "EPSG:32649",
            BBOX,
            List.of(
                new Metadata.FileFact("tables/jincheng/cells/a.parquet", 1, "aa"),
                new Metadata.FileFact("tables/jincheng/cells/b.parquet", 2, "bb")));

    Map<String, Object> item = Metadata.stacItem(CONFIG, "v1", "2026-01-01T00:00:00Z", t);

    assertThat(item.get("bbox")).isEqualTo(List.of(111.9, 35.2, 113.8, 36.9));
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> assets = (Map<String, Map<String, Object>>) item.get("assets");
    assertThat(assets).containsOnlyKeys("part-00000", "part-00001");
    assertThat(assets.get("part-00001").get("href"))
        .isEqualTo("../../tables/jincheng/cells/b.parquet");
    assertThat(assets.get("part-00001").get("file:size")).isEqualTo(2L);
  }
}
