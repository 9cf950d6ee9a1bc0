package org.livingcircle.streets;

import static org.livingcircle.common.Checks.check;
import static org.livingcircle.common.Checks.notNull;

import com.google.protobuf.ByteString;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.Deflater;
import org.openstreetmap.osmosis.osmbinary.Fileformat;
import org.openstreetmap.osmosis.osmbinary.Osmformat;

/**
 * Writes an OpenStreetMap PBF file: an {@code OSMHeader} block (required features {@code
 * OsmSchema-V0.6} and {@code DenseNodes}, the given {@code writingprogram}), then {@code OSMData}
 * blocks of at most {@value #BLOCK_ENTITIES} nodes (as delta-coded DenseNodes) or ways (delta-coded
 * refs), each a zlib blob with a granularity of {@value #GRANULARITY_NANODEGREES} nanodegrees
 * (coordinates are rounded to 1e-7°).
 *
 * <p>All nodes must be written before the ways. Tags are written in key order, so the same entities
 * always give the same bytes. Not thread-safe. {@link #close()} writes the last block and closes
 * the stream.
 */
public final class OsmPbfWriter implements java.io.Closeable {
  static final int BLOCK_ENTITIES = 8000;
  static final int GRANULARITY_NANODEGREES = 100;
  private static final double UNITS_PER_DEGREE = 1e9 / GRANULARITY_NANODEGREES;

  private final DataOutputStream out;
  private final List<OsmNode> nodes = new ArrayList<>();
  private final List<OsmWay> ways = new ArrayList<>();
  private boolean wayWritten;
  private boolean closed;

  /**
   * @param out the stream to write to (closed by {@link #close()})
   * @param writingProgram what wrote the file; a synthetic file says so here
   */
  public OsmPbfWriter(OutputStream out, String writingProgram) {
    this.out = new DataOutputStream(notNull(out, "PBF output stream"));
    Osmformat.HeaderBlock header =
        Osmformat.HeaderBlock.newBuilder()
            .addRequiredFeatures("OsmSchema-V0.6")
            .addRequiredFeatures("DenseNodes")
            .setWritingprogram(notNull(writingProgram, "PBF writing program"))
            .build();
    writeBlob("OSMHeader", header.toByteArray());
  }

  /** Adds a node; nodes must all come before the first way. */
  public void node(OsmNode node) {
    notNull(node, "OSM node");
    check(!closed, "Cannot write OSM node %s: the PBF writer is closed", node.id());
    check(
        !wayWritten,
        "Cannot write OSM node %s: all nodes must be written before the ways",
        node.id());
    nodes.add(node);
    if (nodes.size() == BLOCK_ENTITIES) {
      flushNodes();
    }
  }

  /** Adds a way (after every node). */
  public void way(OsmWay way) {
    notNull(way, "OSM way");
    check(!closed, "Cannot write OSM way %s: the PBF writer is closed", way.id());
    if (!wayWritten) {
      flushNodes();
      wayWritten = true;
    }
    ways.add(way);
    if (ways.size() == BLOCK_ENTITIES) {
      flushWays();
    }
  }

  /** Writes the buffered block and closes the stream; a second call does nothing. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    flushNodes();
    flushWays();
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write OSM PBF: " + e.getMessage(), e);
    }
  }

  private void flushNodes() {
    if (nodes.isEmpty()) {
      return;
    }
    Strings strings = new Strings();
    Osmformat.DenseNodes.Builder dense = Osmformat.DenseNodes.newBuilder();
    long lastId = 0;
    long lastLat = 0;
    long lastLon = 0;
    for (OsmNode n : nodes) {
      long lat = Math.round(n.lat() * UNITS_PER_DEGREE);
      long lon = Math.round(n.lon() * UNITS_PER_DEGREE);
      dense.addId(n.id() - lastId).addLat(lat - lastLat).addLon(lon - lastLon);
      lastId = n.id();
      lastLat = lat;
      lastLon = lon;
      for (Map.Entry<String, String> tag : new TreeMap<>(n.tags()).entrySet()) {
        dense.addKeysVals(strings.index(tag.getKey())).addKeysVals(strings.index(tag.getValue()));
      }
      dense.addKeysVals(0);
    }
    writeData(strings, Osmformat.PrimitiveGroup.newBuilder().setDense(dense).build());
    nodes.clear();
  }

  private void flushWays() {
    if (ways.isEmpty()) {
      return;
    }
    Strings strings = new Strings();
    Osmformat.PrimitiveGroup.Builder group = Osmformat.PrimitiveGroup.newBuilder();
    for (OsmWay w : ways) {
      Osmformat.Way.Builder way = Osmformat.Way.newBuilder().setId(w.id());
      for (Map.Entry<String, String> tag : new TreeMap<>(w.tags()).entrySet()) {
        way.addKeys(strings.index(tag.getKey())).addVals(strings.index(tag.getValue()));
      }
      long last = 0;
      for (long ref : w.nodes()) {
        way.addRefs(ref - last);
        last = ref;
      }
      group.addWays(way);
    }
    writeData(strings, group.build());
    ways.clear();
  }

  private void writeData(Strings strings, Osmformat.PrimitiveGroup group) {
    Osmformat.PrimitiveBlock block =
        Osmformat.PrimitiveBlock.newBuilder()
            .setStringtable(strings.table())
            .setGranularity(GRANULARITY_NANODEGREES)
            .setLatOffset(0)
            .setLonOffset(0)
            .addPrimitivegroup(group)
            .build();
    writeBlob("OSMData", block.toByteArray());
  }

  private void writeBlob(String type, byte[] raw) {
    Deflater deflater = new Deflater();
    ByteArrayOutputStream compressed = new ByteArrayOutputStream(raw.length / 2 + 64);
    try {
      deflater.setInput(raw);
      deflater.finish();
      byte[] buffer = new byte[64 * 1024];
      while (!deflater.finished()) {
        compressed.write(buffer, 0, deflater.deflate(buffer));
      }
    } finally {
      deflater.end();
    }
    byte[] blob =
        Fileformat.Blob.newBuilder()
            .setRawSize(raw.length)
            .setZlibData(ByteString.copyFrom(compressed.toByteArray()))
            .build()
            .toByteArray();
    byte[] header =
        Fileformat.BlobHeader.newBuilder()
            .setType(type)
            .setDatasize(blob.length)
            .build()
            .toByteArray();
    try {
      out.writeInt(header.length);
      out.write(header);
      out.write(blob);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write OSM PBF block: " + e.getMessage(), e);
    }
  }

  /** A block's string table; index 0 is the empty string (the DenseNodes tag delimiter). */
  private static final class Strings {
    private final Map<String, Integer> index = new HashMap<>();
    private final Osmformat.StringTable.Builder table =
        Osmformat.StringTable.newBuilder().addS(ByteString.EMPTY);

    int index(String s) {
      Integer i = index.get(s);
      if (i == null) {
        i = table.getSCount();
        table.addS(ByteString.copyFrom(s, StandardCharsets.UTF_8));
        index.put(s, i);
      }
      return i;
    }

    Osmformat.StringTable table() {
      return table.build();
    }
  }
}
