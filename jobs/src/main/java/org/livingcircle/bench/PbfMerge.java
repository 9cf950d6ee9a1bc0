package org.livingcircle.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.livingcircle.common.InputException;
import org.livingcircle.streets.OsmNode;
import org.livingcircle.streets.OsmPbfWriter;
import org.livingcircle.streets.OsmWay;
import org.openstreetmap.osmosis.osmbinary.BinaryParser;
import org.openstreetmap.osmosis.osmbinary.Osmformat;
import org.openstreetmap.osmosis.osmbinary.file.BlockInputStream;

/**
 * One street extract for a bench scope of several cities: the cities' PBF files merged into one, every node first
 * (the writer's order), ids of file k shifted by {@code k × 2^40} so that two cities' ids never collide (the sample
 * numbers each city's ids on its own). Ways keep their tags; relations are dropped (the foot graph reads none).
 * Streams both passes, holding no file in memory.
 */
final class PbfMerge {
  static final long ID_STRIDE = 1L << 40;

  private PbfMerge() {}

  /** Merges {@code inputs} into {@code out}; returns the nodes and ways written. */
  static long[] merge(List<Path> inputs, Path out, String writingProgram) {
    long[] counts = new long[2];
    Path partial = out.resolveSibling(out.getFileName() + ".partial");
    try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(partial), 1 << 16);
        OsmPbfWriter writer = new OsmPbfWriter(os, writingProgram)) {
      for (boolean ways : new boolean[] {false, true}) {
        for (int k = 0; k < inputs.size(); k++) {
          Path in = inputs.get(k);
          try (InputStream is = new BufferedInputStream(Files.newInputStream(in), 1 << 16)) {
            new BlockInputStream(is, new Copier(writer, ways, k * ID_STRIDE, counts)).process();
          } catch (IOException | RuntimeException e) {
            throw new InputException("Cannot read OSM extract " + in + ": " + e.getMessage(), e);
          }
        }
      }
    } catch (IOException e) {
      throw new InputException("Cannot write merged OSM extract " + out + ": " + e.getMessage(), e);
    }
    try {
      Files.move(partial, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new InputException("Cannot write merged OSM extract " + out + ": " + e.getMessage(), e);
    }
    return counts;
  }

  /** Copies one file's nodes (first pass) or ways (second pass) to the writer. */
  private static final class Copier extends BinaryParser {
    private final OsmPbfWriter writer;
    private final boolean ways;
    private final long offset;
    private final long[] counts;

    Copier(OsmPbfWriter writer, boolean ways, long offset, long[] counts) {
      this.writer = writer;
      this.ways = ways;
      this.offset = offset;
      this.counts = counts;
    }

    @Override
    protected void parse(Osmformat.HeaderBlock header) {}

    @Override
    protected void parseRelations(List<Osmformat.Relation> relations) {}

    @Override
    protected void parseDense(Osmformat.DenseNodes d) {
      if (ways) {
        return;
      }
      long id = 0;
      long lat = 0;
      long lon = 0;
      int kv = 0;
      for (int i = 0; i < d.getIdCount(); i++) {
        id += d.getId(i);
        lat += d.getLat(i);
        lon += d.getLon(i);
        Map<String, String> tags = new HashMap<>();
        if (d.getKeysValsCount() > 0) {
          while (d.getKeysVals(kv) != 0) {
            tags.put(getStringById(d.getKeysVals(kv)), getStringById(d.getKeysVals(kv + 1)));
            kv += 2;
          }
          kv++;
        }
        writer.node(new OsmNode(id + offset, parseLon(lon), parseLat(lat), tags));
        counts[0]++;
      }
    }

    @Override
    protected void parseNodes(List<Osmformat.Node> nodes) {
      if (ways) {
        return;
      }
      for (Osmformat.Node n : nodes) {
        Map<String, String> tags = new HashMap<>();
        for (int t = 0; t < n.getKeysCount(); t++) {
          tags.put(getStringById(n.getKeys(t)), getStringById(n.getVals(t)));
        }
        writer.node(new OsmNode(n.getId() + offset, parseLon(n.getLon()), parseLat(n.getLat()), tags));
        counts[0]++;
      }
    }

    @Override
    protected void parseWays(List<Osmformat.Way> list) {
      if (!ways) {
        return;
      }
      for (Osmformat.Way w : list) {
        Map<String, String> tags = new HashMap<>();
        for (int t = 0; t < w.getKeysCount(); t++) {
          tags.put(getStringById(w.getKeys(t)), getStringById(w.getVals(t)));
        }
        long[] refs = new long[w.getRefsCount()];
        long ref = 0;
        for (int r = 0; r < refs.length; r++) {
          ref += w.getRefs(r);
          refs[r] = ref + offset;
        }
        writer.way(new OsmWay(w.getId() + offset, refs, tags));
        counts[1]++;
      }
    }

    @Override
    public void complete() {}
  }
}
