package org.livingcircle.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livingcircle.streets.FootGraph;

class GraphExportTest {
  @TempDir Path dir;

  @Test
  void arraysReadBackLittleEndianWithTheirMetadata() throws Exception {
    FootGraph g = SyntheticGraphs.grid(6, 9);
    GraphExport.Pois pois =
        new GraphExport.Pois(
            List.of("school", "clinic"),
            new int[] {3, 3, 17},
            new int[] {0, 1, 1},
            new double[] {400, 800, 1200},
            1200,
            List.of("clinic"));
    GraphExport.write(dir, g, pois);

    double[] x = GraphExport.readDoubles(dir.resolve("vertex_x.f64"));
    double[] y = GraphExport.readDoubles(dir.resolve("vertex_y.f64"));
    int[] from = GraphExport.readInts(dir.resolve("edge_from.i32"));
    int[] to = GraphExport.readInts(dir.resolve("edge_to.i32"));
    double[] length = GraphExport.readDoubles(dir.resolve("edge_length.f64"));
    assertThat(x).hasSize(g.vertexCount());
    for (int v = 0; v < g.vertexCount(); v++) {
      assertThat(x[v]).isEqualTo(g.x(v));
      assertThat(y[v]).isEqualTo(g.y(v));
    }
    assertThat(from).hasSize(g.edgeCount());
    for (int e = 0; e < g.edgeCount(); e++) {
      assertThat(new double[] {from[e], to[e], length[e]})
          .containsExactly(g.edgeFrom(e), g.edgeTo(e), g.edgeLength(e));
    }
    assertThat(GraphExport.readInts(dir.resolve("poi_vertex.i32"))).containsExactly(3, 3, 17);
    assertThat(GraphExport.readInts(dir.resolve("poi_category.i32"))).containsExactly(0, 1, 1);
    /* numpy's '<f8' is IEEE little-endian: 1.0 is 00 00 00 00 00 00 f0 3f */
    GraphExport.writeDoubles(dir.resolve("one.f64"), new double[] {1.0});
    assertThat(java.nio.file.Files.readAllBytes(dir.resolve("one.f64")))
        .containsExactly(0, 0, 0, 0, 0, 0, 0xf0 - 256, 0x3f);

    JsonNode meta = new ObjectMapper().readTree(dir.resolve(GraphExport.META_FILE).toFile());
    assertThat(meta.path("vertices").asInt()).isEqualTo(g.vertexCount());
    assertThat(meta.path("edges").asInt()).isEqualTo(g.edgeCount());
    assertThat(meta.path("categories").get(1).path("id").asText()).isEqualTo("clinic");
    assertThat(meta.path("categories").get(1).path("pois").asInt()).isEqualTo(2);
    assertThat(meta.path("nearest_limit_m").asDouble()).isEqualTo(1200);
    assertThat(meta.path("thresholds_m").get(2).asDouble()).isEqualTo(1200);
    assertThat(meta.path("count_categories").get(0).asText()).isEqualTo("clinic");
    assertThat(pois.verticesOf(1)).containsExactly(3, 17);
  }

  @Test
  void refusesPoisOutsideTheGraphOrCategories() {
    FootGraph g = SyntheticGraphs.grid(3, 1);
    assertThatThrownBy(
            () ->
                GraphExport.write(
                    dir,
                    g,
                    new GraphExport.Pois(
                        List.of("a"),
                        new int[] {g.vertexCount()},
                        new int[] {0},
                        new double[] {400},
                        400,
                        List.of())))
        .hasMessageContaining("Cannot export POI at vertex");
    assertThatThrownBy(
            () ->
                new GraphExport.Pois(
                    List.of("a"), new int[] {0}, new int[] {1}, new double[] {400}, 400, List.of()))
        .hasMessageContaining("category 1 outside [0, 1)");
    assertThatThrownBy(
            () ->
                new GraphExport.Pois(
                    List.of("a"),
                    new int[] {0},
                    new int[] {0},
                    new double[] {400},
                    400,
                    List.of("b")))
        .hasMessageContaining("Cannot compare counts of category b");
  }
}
