package org.livingcircle.streets;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.livingcircle.common.InputException;
import org.openstreetmap.osmosis.osmbinary.Fileformat;
import org.openstreetmap.osmosis.osmbinary.Osmformat;

/**
 * Streams the nodes and ways of an OpenStreetMap PBF file to a {@link Handler}; relations and
 * changesets are skipped. Reads raw and zlib blobs, DenseNodes and plain nodes. The file must start
 * with an {@code OSMHeader} block whose required features are all in {@link #SUPPORTED_FEATURES}.
 *
 * <p>Any problem (missing file, truncated or corrupt block, unsupported feature, bad coordinate) is
 * one {@link InputException} "Cannot read OSM extract &lt;file&gt;: &lt;problem&gt;". A handler may
 * have seen part of the file by then, so callers must drop what they gathered.
 */
public final class OsmPbfReader {
  /** Header features this reader understands; a file requiring anything else is rejected. */
  public static final Set<String> SUPPORTED_FEATURES = Set.of("OsmSchema-V0.6", "DenseNodes");

  /** Limits from the PBF specification. */
  private static final int MAX_HEADER_BYTES = 64 * 1024;

  private static final int MAX_BLOB_BYTES = 32 * 1024 * 1024;

  /** Receives entities in file order. The tag map is reused between calls: copy it to keep it. */
  public interface Handler {
    /** Whether to decode node blocks at all (a ways-only pass says no). */
    default boolean wantsNodes() {
      return true;
    }

    default boolean wantsWays() {
      return true;
    }

    /** A node; {@code lon}, {@code lat} in WGS84 degrees. */
    default void node(long id, double lon, double lat, Map<String, String> tags) {}

    /** A way; {@code refs} is a fresh array of its node ids, in order. */
    default void way(long id, long[] refs, Map<String, String> tags) {}
  }

  /** Every node and way of a file, in file order. */
  public record Contents(List<OsmNode> nodes, List<OsmWay> ways) {
    public Contents {
      nodes = List.copyOf(nodes);
      ways = List.copyOf(ways);
    }
  }

  private OsmPbfReader() {}

  /** Reads the whole file into records (for tests and small files). */
  public static Contents readAll(Path pbf) {
    List<OsmNode> nodes = new ArrayList<>();
    List<OsmWay> ways = new ArrayList<>();
    read(
        pbf,
        new Handler() {
          @Override
          public void node(long id, double lon, double lat, Map<String, String> tags) {
            nodes.add(new OsmNode(id, lon, lat, tags));
          }

          @Override
          public void way(long id, long[] refs, Map<String, String> tags) {
            ways.add(new OsmWay(id, refs, tags));
          }
        });
    return new Contents(nodes, ways);
  }

  /** Streams {@code pbf} to {@code handler}. */
  public static void read(Path pbf, Handler handler) {
    if (!Files.isRegularFile(pbf)) {
      throw failure(pbf, "no such file");
    }
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(pbf), 1 << 16))) {
      new Blocks(pbf, in, handler).run();
    } catch (IOException e) {
      throw failure(pbf, oneLine(e));
    }
  }

  static InputException failure(Path pbf, String problem) {
    return new InputException("Cannot read OSM extract " + pbf + ": " + problem);
  }

  private static String oneLine(Throwable e) {
    String m = e.getMessage();
    return m == null || m.isBlank()
        ? e.getClass().getSimpleName()
        : m.lines().findFirst().orElse("").trim();
  }

  /** The blob loop over one open file. */
  private static final class Blocks {
    private final Path pbf;
    private final DataInputStream in;
    private final Handler handler;
    private final Map<String, String> tags = new HashMap<>();
    private final Inflater inflater = new Inflater();
    private int block;

    Blocks(Path pbf, DataInputStream in, Handler handler) {
      this.pbf = pbf;
      this.in = in;
      this.handler = handler;
    }

    void run() throws IOException {
      try {
        boolean headerSeen = false;
        while (true) {
          int headerLength;
          try {
            headerLength = in.readInt();
          } catch (EOFException end) {
            break;
          }
          block++;
          if (headerLength <= 0 || headerLength > MAX_HEADER_BYTES) {
            throw problem(
                "blob header length %d is outside (0, %d]", headerLength, MAX_HEADER_BYTES);
          }
          Fileformat.BlobHeader header =
              Fileformat.BlobHeader.parseFrom(bytes(headerLength, "blob header"));
          if (header.getDatasize() <= 0 || header.getDatasize() > MAX_BLOB_BYTES) {
            throw problem("blob size %d is outside (0, %d]", header.getDatasize(), MAX_BLOB_BYTES);
          }
          byte[] blobBytes = bytes(header.getDatasize(), "blob");
          String type = header.getType();
          if (!headerSeen) {
            if (!type.equals("OSMHeader")) {
              throw problem(
                  "the first block is '%s', not OSMHeader; is this an OSM PBF file?",
                  printable(type));
            }
            checkHeader(Osmformat.HeaderBlock.parseFrom(data(blobBytes)));
            headerSeen = true;
          } else if (type.equals("OSMData")) {
            primitives(Osmformat.PrimitiveBlock.parseFrom(data(blobBytes)));
          }
          // Other block types are skipped, as the format allows.
        }
        if (!headerSeen) {
          throw problem("the file is empty (no OSMHeader block)");
        }
      } catch (InvalidProtocolBufferException e) {
        throw problem("corrupt protobuf data (%s)", oneLine(e));
      } catch (InputException e) {
        throw e;
      } catch (RuntimeException e) {
        throw problem("malformed data (%s)", oneLine(e));
      } finally {
        inflater.end();
      }
    }

    private InputException problem(String format, Object... args) {
      String where = block == 0 ? "" : "block " + block + ": ";
      return failure(pbf, where + String.format(format, args));
    }

    private byte[] bytes(int n, String what) throws IOException {
      byte[] b = new byte[n];
      try {
        in.readFully(b);
      } catch (EOFException e) {
        throw problem("the file ends inside a %s of %d bytes (truncated)", what, n);
      }
      return b;
    }

    private byte[] data(byte[] blobBytes) throws IOException {
      Fileformat.Blob blob = Fileformat.Blob.parseFrom(blobBytes);
      if (blob.hasRaw()) {
        return blob.getRaw().toByteArray();
      }
      if (!blob.hasZlibData()) {
        String kind = blob.hasLzmaData() ? "lzma" : blob.hasOBSOLETEBzip2Data() ? "bzip2" : "none";
        throw problem("unsupported blob compression (%s)", kind);
      }
      int rawSize = blob.getRawSize();
      if (rawSize <= 0 || rawSize > MAX_BLOB_BYTES) {
        throw problem("uncompressed size %d is outside (0, %d]", rawSize, MAX_BLOB_BYTES);
      }
      byte[] raw = new byte[rawSize];
      inflater.reset();
      inflater.setInput(blob.getZlibData().toByteArray());
      int n = 0;
      try {
        while (n < rawSize && !inflater.finished()) {
          int k = inflater.inflate(raw, n, rawSize - n);
          if (k == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
            break;
          }
          n += k;
        }
      } catch (DataFormatException e) {
        throw problem("corrupt zlib data (%s)", oneLine(e));
      }
      if (n != rawSize || !inflater.finished()) {
        throw problem("zlib data gives %d bytes, the blob says %d", n, rawSize);
      }
      return raw;
    }

    private void checkHeader(Osmformat.HeaderBlock header) {
      for (String feature : header.getRequiredFeaturesList()) {
        if (!SUPPORTED_FEATURES.contains(feature)) {
          throw problem("the file requires the unsupported feature '%s'", printable(feature));
        }
      }
    }

    private void primitives(Osmformat.PrimitiveBlock pb) {
      boolean nodes = handler.wantsNodes();
      boolean ways = handler.wantsWays();
      String[] strings = null;
      for (Osmformat.PrimitiveGroup group : pb.getPrimitivegroupList()) {
        boolean hasNodes = group.hasDense() || group.getNodesCount() > 0;
        if (!(nodes && hasNodes) && !(ways && group.getWaysCount() > 0)) {
          continue;
        }
        if (strings == null) {
          strings = strings(pb.getStringtable());
        }
        if (nodes && group.hasDense()) {
          dense(pb, group.getDense(), strings);
        }
        if (nodes) {
          for (Osmformat.Node n : group.getNodesList()) {
            tags.clear();
            for (int k = 0; k < n.getKeysCount(); k++) {
              tags.put(strings[n.getKeys(k)], strings[n.getVals(k)]);
            }
            emitNode(n.getId(), pb, n.getLon(), n.getLat());
          }
        }
        if (ways) {
          for (Osmformat.Way w : group.getWaysList()) {
            if (w.getKeysCount() != w.getValsCount()) {
              throw problem(
                  "way %d has %d keys but %d values",
                  w.getId(), w.getKeysCount(), w.getValsCount());
            }
            tags.clear();
            for (int k = 0; k < w.getKeysCount(); k++) {
              tags.put(strings[w.getKeys(k)], strings[w.getVals(k)]);
            }
            long[] refs = new long[w.getRefsCount()];
            long ref = 0;
            for (int k = 0; k < refs.length; k++) {
              ref += w.getRefs(k);
              refs[k] = ref;
            }
            handler.way(w.getId(), refs, tags);
          }
        }
      }
    }

    private void dense(Osmformat.PrimitiveBlock pb, Osmformat.DenseNodes d, String[] strings) {
      int n = d.getIdCount();
      if (d.getLatCount() != n || d.getLonCount() != n) {
        throw problem(
            "dense nodes have %d ids, %d latitudes, %d longitudes",
            n, d.getLatCount(), d.getLonCount());
      }
      int kv = 0;
      int nKv = d.getKeysValsCount();
      long id = 0;
      long lat = 0;
      long lon = 0;
      for (int i = 0; i < n; i++) {
        id += d.getId(i);
        lat += d.getLat(i);
        lon += d.getLon(i);
        tags.clear();
        if (nKv > 0) {
          while (true) {
            if (kv >= nKv) {
              throw problem("dense node %d: its tag list is not terminated", id);
            }
            int key = d.getKeysVals(kv++);
            if (key == 0) {
              break;
            }
            if (kv >= nKv) {
              throw problem("dense node %d: tag key without a value", id);
            }
            tags.put(strings[key], strings[d.getKeysVals(kv++)]);
          }
        }
        emitNode(id, pb, lon, lat);
      }
    }

    private void emitNode(long id, Osmformat.PrimitiveBlock pb, long lonUnits, long latUnits) {
      double lon = 1e-9 * (pb.getLonOffset() + (double) pb.getGranularity() * lonUnits);
      double lat = 1e-9 * (pb.getLatOffset() + (double) pb.getGranularity() * latUnits);
      if (!(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90)) {
        throw problem("node %d lies at lon %s, lat %s, outside WGS84", id, lon, lat);
      }
      handler.node(id, lon, lat, tags);
    }

    private static String[] strings(Osmformat.StringTable table) {
      String[] s = new String[table.getSCount()];
      for (int i = 0; i < s.length; i++) {
        ByteString b = table.getS(i);
        s[i] = b.toStringUtf8();
      }
      return s;
    }

    private static String printable(String s) {
      String t = s.replaceAll("\\p{Cntrl}", "?");
      return t.length() > 40 ? t.substring(0, 40) + "…" : t;
    }
  }
}
