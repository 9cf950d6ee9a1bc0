package org.livingcircle.streets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.google.protobuf.ByteString;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livingcircle.common.InputException;
import org.openstreetmap.osmosis.osmbinary.Fileformat;
import org.openstreetmap.osmosis.osmbinary.Osmformat;

/** PBF writer → reader round trips, foreign-shaped files written by hand, and broken files. */
class OsmPbfTest {
  private static final String SYNTHETIC =
      "lcp test — SYNTHETIC street network, not OpenStreetMap data";
  @TempDir Path tmp;

  /** Synthetic nodes on a jittered lattice near Taiyuan; every 7th is tagged, some in Chinese. */
  private static List<OsmNode> syntheticNodes(int n) {
    Random random = new Random(11);
    List<OsmNode> nodes = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double lon = 112.5 + (i % 100) * 1e-3 + random.nextDouble() * 1e-4;
      double lat = 37.8 + (i / 100) * 1e-3 - random.nextDouble() * 1e-4;
      Map<String, String> tags =
          i % 7 == 0 ? Map.of("barrier", "gate", "name", "小区东门 " + i) : Map.of();
      nodes.add(new OsmNode(1_000 + 3L * i, lon, lat, tags));
    }
    return nodes;
  }

  private Path write(String name, List<OsmNode> nodes, List<OsmWay> ways) throws IOException {
    Path file = tmp.resolve(name);
    try (OsmPbfWriter writer = new OsmPbfWriter(Files.newOutputStream(file), SYNTHETIC)) {
      nodes.forEach(writer::node);
      ways.forEach(writer::way);
    }
    return file;
  }

  @Test
  void roundTripKeepsIdsCoordinatesTagsAndOrderOverSeveralBlocks() throws IOException {
    List<OsmNode> nodes = syntheticNodes(2 * OsmPbfWriter.BLOCK_ENTITIES + 17);
    List<OsmWay> ways = new ArrayList<>();
    for (int w = 0; w < 9_000; w++) {
      long a = nodes.get(w).id();
      long b = nodes.get(w + 1).id();
      long c = nodes.get(w + 100).id();
      ways.add(
          new OsmWay(
              50_000 + w,
              new long[] {c, a, b, c},
              Map.of(
                  "highway",
                  w % 2 == 0 ? "footway" : "service",
                  "source",
                  SYNTHETIC,
                  "name",
                  "路 " + w)));
    }
    ways.add(new OsmWay(99_999, new long[0], Map.of()));
    Path file = write("round.osm.pbf", nodes, ways);

    OsmPbfReader.Contents read = OsmPbfReader.readAll(file);

    assertThat(read.nodes()).hasSize(nodes.size());
    for (int i = 0; i < nodes.size(); i++) {
      OsmNode expected = nodes.get(i);
      OsmNode actual = read.nodes().get(i);
      assertThat(actual.id()).isEqualTo(expected.id());
      assertThat(actual.lon()).isCloseTo(expected.lon(), within(1e-7));
      assertThat(actual.lat()).isCloseTo(expected.lat(), within(1e-7));
      assertThat(actual.tags()).isEqualTo(expected.tags());
    }
    assertThat(read.ways()).hasSize(ways.size());
    for (int w = 0; w < ways.size(); w++) {
      assertThat(read.ways().get(w).id()).isEqualTo(ways.get(w).id());
      assertThat(read.ways().get(w).nodes()).containsExactly(ways.get(w).nodes());
      assertThat(read.ways().get(w).tags()).isEqualTo(ways.get(w).tags());
    }
  }

  @Test
  void sameEntitiesGiveTheSameBytes() throws IOException {
    List<OsmNode> nodes = syntheticNodes(300);
    List<OsmWay> ways =
        List.of(
            new OsmWay(
                1,
                new long[] {1_000, 1_003},
                Map.of("highway", "path", "source", SYNTHETIC, "foot", "yes")));
    byte[] a = Files.readAllBytes(write("a.osm.pbf", nodes, ways));
    byte[] b = Files.readAllBytes(write("b.osm.pbf", nodes, ways));
    assertThat(a).isEqualTo(b);
  }

  @Test
  void fileLayoutFollowsTheFormat() throws IOException {
    Path file =
        write(
            "layout.osm.pbf",
            syntheticNodes(OsmPbfWriter.BLOCK_ENTITIES + 1),
            List.of(new OsmWay(7, new long[] {1_000, 1_003}, Map.of("highway", "path"))));
    List<String> types = new ArrayList<>();
    Osmformat.HeaderBlock header = null;
    List<Integer> granularities = new ArrayList<>();
    try (var in = new java.io.DataInputStream(Files.newInputStream(file))) {
      while (in.available() > 0) {
        byte[] h = new byte[in.readInt()];
        in.readFully(h);
        Fileformat.BlobHeader bh = Fileformat.BlobHeader.parseFrom(h);
        byte[] blobBytes = new byte[bh.getDatasize()];
        in.readFully(blobBytes);
        Fileformat.Blob blob = Fileformat.Blob.parseFrom(blobBytes);
        assertThat(blob.hasZlibData()).as("zlib blob").isTrue();
        java.util.zip.Inflater inflater = new java.util.zip.Inflater();
        inflater.setInput(blob.getZlibData().toByteArray());
        byte[] raw = new byte[blob.getRawSize()];
        try {
          assertThat(inflater.inflate(raw)).isEqualTo(raw.length);
        } catch (java.util.zip.DataFormatException e) {
          throw new AssertionError(e);
        }
        types.add(bh.getType());
        if (bh.getType().equals("OSMHeader")) {
          header = Osmformat.HeaderBlock.parseFrom(raw);
        } else {
          Osmformat.PrimitiveBlock pb = Osmformat.PrimitiveBlock.parseFrom(raw);
          granularities.add(pb.getGranularity());
          assertThat(pb.getStringtable().getS(0)).isEqualTo(ByteString.EMPTY);
        }
      }
    }
    // 8001 nodes: one full block and one of a single node, then the way block.
    assertThat(types).containsExactly("OSMHeader", "OSMData", "OSMData", "OSMData");
    assertThat(header.getRequiredFeaturesList()).containsExactly("OsmSchema-V0.6", "DenseNodes");
    assertThat(header.getWritingprogram()).isEqualTo(SYNTHETIC);
    assertThat(granularities).containsOnly(100);
  }

  @Test
  void nodesAfterWaysAreRefused() throws IOException {
    try (OsmPbfWriter writer = new OsmPbfWriter(OutputStream.nullOutputStream(), SYNTHETIC)) {
      writer.way(new OsmWay(1, new long[] {1, 2}, Map.of()));
      assertThatThrownBy(() -> writer.node(new OsmNode(3, 112, 37)))
          .hasMessage("Cannot write OSM node 3: all nodes must be written before the ways");
    }
  }

  /**
   * A file as other tools write it: plain (non-dense) nodes, a coordinate offset, granularity 1000,
   * a raw blob.
   */
  @Test
  void readsPlainNodesOffsetsAndRawBlobs() throws IOException {
    Osmformat.StringTable strings =
        Osmformat.StringTable.newBuilder()
            .addS(ByteString.EMPTY)
            .addS(utf8("highway"))
            .addS(utf8("footway"))
            .addS(utf8("barrier"))
            .addS(utf8("wall"))
            .build();
    // lat = 1e-9 * (lat_offset + granularity * lat)
    Osmformat.PrimitiveBlock nodes =
        Osmformat.PrimitiveBlock.newBuilder()
            .setStringtable(strings)
            .setGranularity(1000)
            .setLatOffset(37_000_000_000L)
            .setLonOffset(112_000_000_000L)
            .addPrimitivegroup(
                Osmformat.PrimitiveGroup.newBuilder()
                    .addNodes(Osmformat.Node.newBuilder().setId(5).setLat(800_000).setLon(500_000))
                    .addNodes(
                        Osmformat.Node.newBuilder()
                            .setId(6)
                            .setLat(800_123)
                            .setLon(500_456)
                            .addKeys(3)
                            .addVals(4)))
            .build();
    Osmformat.PrimitiveBlock ways =
        Osmformat.PrimitiveBlock.newBuilder()
            .setStringtable(strings)
            .addPrimitivegroup(
                Osmformat.PrimitiveGroup.newBuilder()
                    .addWays(
                        Osmformat.Way.newBuilder()
                            .setId(9)
                            .addKeys(1)
                            .addVals(2)
                            .addRefs(5)
                            .addRefs(1)))
            .addPrimitivegroup(
                Osmformat.PrimitiveGroup.newBuilder()
                    .addRelations(
                        Osmformat.Relation.newBuilder()
                            .setId(1)
                            .addMemids(9)
                            .addRolesSid(0)
                            .addTypes(Osmformat.Relation.MemberType.WAY)))
            .build();
    Path file = tmp.resolve("plain.osm.pbf");
    try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(file))) {
      blob(
          out,
          "OSMHeader",
          Osmformat.HeaderBlock.newBuilder()
              .addRequiredFeatures("OsmSchema-V0.6")
              .addOptionalFeatures("Sort.Type_then_ID")
              .build()
              .toByteArray(),
          true);
      blob(out, "OSMData", nodes.toByteArray(), false);
      blob(out, "lcp-unknown", new byte[] {1, 2, 3}, false);
      blob(out, "OSMData", ways.toByteArray(), true);
    }

    OsmPbfReader.Contents read = OsmPbfReader.readAll(file);

    assertThat(read.nodes()).extracting(OsmNode::id).containsExactly(5L, 6L);
    assertThat(read.nodes().get(0).lat()).isCloseTo(37.8, within(1e-12));
    assertThat(read.nodes().get(0).lon()).isCloseTo(112.5, within(1e-12));
    assertThat(read.nodes().get(1).lat()).isCloseTo(37.800123, within(1e-12));
    assertThat(read.nodes().get(1).lon()).isCloseTo(112.500456, within(1e-12));
    assertThat(read.nodes().get(1).tags()).isEqualTo(Map.of("barrier", "wall"));
    assertThat(read.ways()).hasSize(1);
    assertThat(read.ways().get(0).nodes()).containsExactly(5, 6);
    assertThat(read.ways().get(0).tags()).isEqualTo(Map.of("highway", "footway"));
  }

  @Test
  void unsupportedRequiredFeatureIsRejected() throws IOException {
    Path file = tmp.resolve("history.osh.pbf");
    try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(file))) {
      blob(
          out,
          "OSMHeader",
          Osmformat.HeaderBlock.newBuilder()
              .addRequiredFeatures("OsmSchema-V0.6")
              .addRequiredFeatures("HistoricalInformation")
              .build()
              .toByteArray(),
          true);
    }
    assertThatThrownBy(() -> OsmPbfReader.readAll(file))
        .isInstanceOf(InputException.class)
        .hasMessage(
            "Cannot read OSM extract "
                + file
                + ": block 1: the file requires the unsupported feature "
                + "'HistoricalInformation'");
  }

  @Test
  void truncatedFileIsOneLineNamingTheFile() throws IOException {
    Path whole =
        write(
            "whole.osm.pbf",
            syntheticNodes(3_000),
            List.of(new OsmWay(1, new long[] {1_000, 1_003}, Map.of("highway", "path"))));
    byte[] bytes = Files.readAllBytes(whole);
    Path half = tmp.resolve("half.osm.pbf");
    Files.write(half, Arrays.copyOf(bytes, bytes.length / 2));

    assertThatThrownBy(() -> OsmPbfReader.readAll(half))
        .isInstanceOf(InputException.class)
        .hasMessageStartingWith(
            "Cannot read OSM extract " + half + ": block 2: the file ends inside a blob of ")
        .hasMessageEndingWith(" bytes (truncated)")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void randomBytesAndEmptyAndMissingFilesAreOneLineErrors() throws IOException {
    byte[] noise = new byte[4_096];
    new Random(5).nextBytes(noise);
    Path random = tmp.resolve("noise.osm.pbf");
    Files.write(random, noise);
    assertThatThrownBy(() -> OsmPbfReader.readAll(random))
        .isInstanceOf(InputException.class)
        .hasMessageStartingWith("Cannot read OSM extract " + random + ": block 1: ")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));

    Path empty = Files.write(tmp.resolve("empty.osm.pbf"), new byte[0]);
    assertThatThrownBy(() -> OsmPbfReader.readAll(empty))
        .hasMessage(
            "Cannot read OSM extract " + empty + ": the file is empty (no OSMHeader block)");

    Path missing = tmp.resolve("missing.osm.pbf");
    assertThatThrownBy(() -> OsmPbfReader.readAll(missing))
        .isInstanceOf(InputException.class)
        .hasMessage("Cannot read OSM extract " + missing + ": no such file");

    // A plausible header length followed by garbage: the protobuf parser's complaint, on one line.
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(b);
    out.writeInt(12);
    out.write(
        new byte[] {
          (byte) 0xff,
          (byte) 0xff,
          (byte) 0xff,
          (byte) 0xff,
          (byte) 0xff,
          (byte) 0xff,
          (byte) 0xff,
          (byte) 0xff,
          (byte) 0xff,
          (byte) 0xff,
          (byte) 0xff,
          (byte) 0xff
        });
    Path garbage = Files.write(tmp.resolve("garbage.osm.pbf"), b.toByteArray());
    assertThatThrownBy(() -> OsmPbfReader.readAll(garbage))
        .isInstanceOf(InputException.class)
        .hasMessageStartingWith(
            "Cannot read OSM extract " + garbage + ": block 1: corrupt protobuf data (")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void corruptZlibIsReported() throws IOException {
    Path file = tmp.resolve("zlib.osm.pbf");
    try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(file))) {
      blob(
          out,
          "OSMHeader",
          Osmformat.HeaderBlock.newBuilder()
              .addRequiredFeatures("OsmSchema-V0.6")
              .build()
              .toByteArray(),
          true);
      byte[] blob =
          Fileformat.Blob.newBuilder()
              .setRawSize(100)
              .setZlibData(ByteString.copyFrom(new byte[] {1, 2, 3, 4, 5, 6}))
              .build()
              .toByteArray();
      byte[] header =
          Fileformat.BlobHeader.newBuilder()
              .setType("OSMData")
              .setDatasize(blob.length)
              .build()
              .toByteArray();
      out.writeInt(header.length);
      out.write(header);
      out.write(blob);
    }
    assertThatThrownBy(() -> OsmPbfReader.readAll(file))
        .isInstanceOf(InputException.class)
        .hasMessageStartingWith(
            "Cannot read OSM extract " + file + ": block 2: corrupt zlib data (");
  }

  private static ByteString utf8(String s) {
    return ByteString.copyFrom(s, StandardCharsets.UTF_8);
  }

  /** One blob written by hand (independently of the writer under test). */
  private static void blob(DataOutputStream out, String type, byte[] raw, boolean zlib)
      throws IOException {
    Fileformat.Blob.Builder blob = Fileformat.Blob.newBuilder();
    if (zlib) {
      java.util.zip.Deflater deflater = new java.util.zip.Deflater(9);
      deflater.setInput(raw);
      deflater.finish();
      byte[] buffer = new byte[raw.length + 64];
      int n = deflater.deflate(buffer);
      deflater.end();
      blob.setRawSize(raw.length).setZlibData(ByteString.copyFrom(buffer, 0, n));
    } else {
      blob.setRaw(ByteString.copyFrom(raw));
    }
    byte[] blobBytes = blob.build().toByteArray();
    byte[] header =
        Fileformat.BlobHeader.newBuilder()
            .setType(type)
            .setDatasize(blobBytes.length)
            .build()
            .toByteArray();
    out.writeInt(header.length);
    out.write(header);
    out.write(blobBytes);
  }
}
