package org.livingcircle.release;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the release metadata from {@link ReleaseConfig} and the released files: a DCAT-AP 3
 * catalog in JSON-LD (context inline, so no reader fetches anything) and a STAC 1.1.0 collection
 * with one item per GeoParquet table. Plain maps, written as JSON by the caller. Engine-free.
 */
public final class Metadata {
  /** IANA media type of Parquet files. */
  public static final String PARQUET = "application/vnd.apache.parquet";

  static final String STAC_VERSION = "1.1.0";
  private static final String IANA = "https://www.iana.org/assignments/media-types/";
  private static final String FILE_TYPE =
      "http://publications.europa.eu/resource/authority/file-type/";

  private Metadata() {}

  /** A released file: path relative to the release folder. */
  public record FileFact(String path, long bytes, String sha256) {}

  /** A downloadable distribution (a file, or a GeoParquet table of part files). */
  public record Distribution(
      String id,
      String title,
      String description,
      String mediaType,
      String fileType,
      String accessPath,
      List<FileFact> files) {
    public Distribution {
      files = List.copyOf(files);
    }
  }

  /** A released GeoParquet table, for a STAC item. */
  public record Table(
      String itemId,
      String title,
      String city,
      String table,
      long rows,
      String crs,
      double[] bboxLonLat,
      List<FileFact> parts) {
    public Table {
      parts = List.copyOf(parts);
      bboxLonLat = bboxLonLat.clone();
    }
  }

  /** DCAT-AP 3 catalog with one dataset and its distributions, JSON-LD with an inline context. */
  public static Map<String, Object> dcat(
      ReleaseConfig c,
      String version,
      String issuedDate,
      double[] bbox,
      List<Distribution> distributions) {
    String base = c.baseUrl() + "/" + version + "/";
    Map<String, Object> context = new LinkedHashMap<>();
    context.put("dcat", "http://www.w3.org/ns/dcat#");
    context.put("dct", "http://purl.org/dc/terms/");
    context.put("foaf", "http://xmlns.com/foaf/0.1/");
    context.put("vcard", "http://www.w3.org/2006/vcard/ns#");
    context.put("spdx", "http://spdx.org/rdf/terms#");
    context.put("xsd", "http://www.w3.org/2001/XMLSchema#");
    context.put("gsp", "http://www.opengis.net/ont/geosparql#");
    context.put("dcatap", "http://data.europa.eu/r5r/");

    Map<String, Object> dataset = node(base + "dcat.jsonld#dataset", "dcat:Dataset");
    dataset.put("dct:identifier", c.id() + "/" + version);
    dataset.put("dct:title", List.of(lang(c.titleZh(), "zh"), lang(c.titleEn(), "en")));
    dataset.put(
        "dct:description", List.of(lang(c.descriptionZh(), "zh"), lang(c.descriptionEn(), "en")));
    dataset.put("dcat:keyword", c.keywords());
    dataset.put(
        "dcat:theme", ref("http://publications.europa.eu/resource/authority/data-theme/SOCI"));
    dataset.put("dct:publisher", publisher(c));
    Map<String, Object> contact = node(null, "vcard:Kind");
    contact.put("@type", List.of("vcard:Kind", "vcard:Organization"));
    contact.put("vcard:fn", c.publisher().contactName());
    contact.put("vcard:hasEmail", ref("mailto:" + c.publisher().contactEmail()));
    dataset.put("dcat:contactPoint", contact);
    Map<String, Object> location = node(null, "dct:Location");
    location.put("dcat:bbox", typed(wkt(bbox), "gsp:wktLiteral"));
    dataset.put("dct:spatial", List.of(ref(c.spatialUri()), location));
    Map<String, Object> period = node(null, "dct:PeriodOfTime");
    period.put("dcat:startDate", typed(c.temporalStart(), "xsd:date"));
    period.put("dcat:endDate", typed(c.temporalEnd(), "xsd:date"));
    dataset.put("dct:temporal", period);
    dataset.put("dct:accrualPeriodicity", ref(c.frequencyUri()));
    dataset.put("dct:issued", typed(issuedDate, "xsd:date"));
    dataset.put("dct:modified", typed(issuedDate, "xsd:date"));
    dataset.put("dcat:version", version);
    dataset.put("dcat:landingPage", ref(base + "index.html"));
    dataset.put("dct:conformsTo", ref("http://www.opengis.net/def/crs/EPSG/0/32649"));
    dataset.put("dcat:spatialResolutionInMeters", typed("250", "xsd:decimal"));
    Map<String, Object> provenance = node(null, "dct:ProvenanceStatement");
    provenance.put(
        "rdfs:label",
        "Stage manifests (inputs with SHA-256, configuration, software versions): "
            + base
            + "provenance.json");
    dataset.put("dct:provenance", provenance);
    List<Object> dists = new ArrayList<>();
    for (Distribution d : distributions) {
      Map<String, Object> n = node(base + "dcat.jsonld#" + d.id(), "dcat:Distribution");
      n.put("dct:title", d.title());
      n.put("dct:description", d.description());
      n.put("dcat:accessURL", ref(base + d.accessPath()));
      List<Object> downloads = new ArrayList<>();
      long bytes = 0;
      for (FileFact f : d.files()) {
        downloads.add(ref(base + f.path()));
        bytes += f.bytes();
      }
      if (!downloads.isEmpty()) {
        n.put("dcat:downloadURL", downloads);
        n.put("dcat:byteSize", typed(Long.toString(bytes), "xsd:nonNegativeInteger"));
      }
      if (d.files().size() == 1 && d.files().get(0).sha256() != null) {
        Map<String, Object> checksum = node(null, "spdx:Checksum");
        checksum.put("spdx:algorithm", ref("http://spdx.org/rdf/terms#checksumAlgorithm_sha256"));
        checksum.put("spdx:checksumValue", typed(d.files().get(0).sha256(), "xsd:hexBinary"));
        n.put("spdx:checksum", checksum);
      }
      n.put("dcat:mediaType", ref(IANA + d.mediaType()));
      n.put("dct:format", ref(FILE_TYPE + d.fileType()));
      n.put("dct:license", licence(c));
      n.put("dcatap:availability", ref("http://data.europa.eu/r5r/availability/stable"));
      dists.add(n);
    }
    dataset.put("dcat:distribution", dists);

    Map<String, Object> catalog = node(base + "dcat.jsonld", "dcat:Catalog");
    catalog.put(
        "dct:title",
        List.of(lang(c.titleZh() + " — 数据目录", "zh"), lang(c.titleEn() + " — catalogue", "en")));
    catalog.put(
        "dct:description", List.of(lang(c.descriptionZh(), "zh"), lang(c.descriptionEn(), "en")));
    catalog.put("dct:publisher", publisher(c));
    catalog.put("dct:license", licence(c));
    catalog.put("foaf:homepage", ref(base + "index.html"));
    catalog.put("dcat:dataset", dataset);

    context.put("rdfs", "http://www.w3.org/2000/01/rdf-schema#");
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("@context", context);
    root.putAll(catalog);
    return root;
  }

  /** STAC collection: links to one item per table, the licence and the data dictionary. */
  public static Map<String, Object> stacCollection(
      ReleaseConfig c, String version, double[] bbox, String createdAt, List<Table> tables) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "Collection");
    m.put("stac_version", STAC_VERSION);
    m.put("id", c.id() + "-" + version);
    m.put("title", c.titleEn() + " / " + c.titleZh());
    m.put("description", c.descriptionEn() + "\n\n" + c.descriptionZh());
    m.put("keywords", c.keywords());
    m.put("license", c.license().id());
    Map<String, Object> provider = new LinkedHashMap<>();
    provider.put("name", c.publisher().name());
    provider.put("roles", List.of("producer", "processor", "licensor", "host"));
    provider.put("url", c.publisher().url());
    m.put("providers", List.of(provider));
    Map<String, Object> extent = new LinkedHashMap<>();
    extent.put("spatial", Map.of("bbox", List.of(list(bbox))));
    List<String> interval = new ArrayList<>();
    interval.add(c.temporalStart() + "T00:00:00Z");
    interval.add(c.temporalEnd() + "T23:59:59Z");
    extent.put("temporal", Map.of("interval", List.of(interval)));
    m.put("extent", extent);
    List<Object> links = new ArrayList<>();
    links.add(link("root", "./collection.json", "application/json", null));
    links.add(
        link(
            "self",
            c.baseUrl() + "/" + version + "/stac/collection.json",
            "application/json",
            null));
    links.add(link("license", c.license().url(), "text/html", c.license().name()));
    links.add(
        link("describedby", "../data-dictionary.md", "text/markdown", "Data dictionary / 数据字典"));
    for (Table t : tables) {
      links.add(link("item", "./items/" + t.itemId() + ".json", "application/geo+json", t.title()));
    }
    m.put("links", links);
    Map<String, Object> assets = new LinkedHashMap<>();
    assets.put(
        "dictionary",
        asset("../data-dictionary.csv", "text/csv", "Data dictionary (CSV) / 数据字典", "metadata"));
    assets.put(
        "dcat", asset("../dcat.jsonld", "application/ld+json", "DCAT-AP 3 catalogue", "metadata"));
    m.put("assets", assets);
    m.put("created", createdAt);
    return m;
  }

  /** STAC item of one table: bbox and footprint in longitude/latitude, one asset per part file. */
  public static Map<String, Object> stacItem(
      ReleaseConfig c, String version, String createdAt, Table t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "Feature");
    m.put("stac_version", STAC_VERSION);
    m.put("id", t.itemId());
    double[] b = t.bboxLonLat();
    m.put("bbox", list(b));
    // one key order (Map.of's changes per JVM), so the same release gives the same bytes
    Map<String, Object> geometry = new LinkedHashMap<>();
    geometry.put("type", "Polygon");
    geometry.put(
        "coordinates",
        List.of(
            List.of(
                List.of(b[0], b[1]),
                List.of(b[2], b[1]),
                List.of(b[2], b[3]),
                List.of(b[0], b[3]),
                List.of(b[0], b[1]))));
    m.put("geometry", geometry);
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("title", t.title());
    properties.put("datetime", createdAt);
    properties.put("start_datetime", c.temporalStart() + "T00:00:00Z");
    properties.put("end_datetime", c.temporalEnd() + "T23:59:59Z");
    properties.put("created", createdAt);
    properties.put("license", c.license().id());
    properties.put("lcp:city", t.city());
    properties.put("lcp:table", t.table());
    properties.put("lcp:row_count", t.rows());
    properties.put("lcp:crs", t.crs());
    m.put("properties", properties);
    m.put("collection", c.id() + "-" + version);
    m.put(
        "links",
        List.of(
            link("root", "../collection.json", "application/json", null),
            link("parent", "../collection.json", "application/json", null),
            link("collection", "../collection.json", "application/json", null)));
    Map<String, Object> assets = new LinkedHashMap<>();
    for (int i = 0; i < t.parts().size(); i++) {
      FileFact p = t.parts().get(i);
      Map<String, Object> a =
          asset(
              "../../" + p.path(),
              PARQUET,
              String.format(
                  Locale.ROOT,
                  "%s, part %d of %d (GeoParquet 1.1)",
                  t.title(),
                  i + 1,
                  t.parts().size()),
              "data");
      a.put("file:size", p.bytes());
      a.put("lcp:sha256", p.sha256());
      assets.put(t.parts().size() == 1 ? "data" : String.format(Locale.ROOT, "part-%05d", i), a);
    }
    m.put("assets", assets);
    return m;
  }

  static String wkt(double[] b) {
    return String.format(
        Locale.ROOT,
        "POLYGON((%.6f %.6f, %.6f %.6f, %.6f %.6f, %.6f %.6f, %.6f %.6f))",
        b[0],
        b[1],
        b[2],
        b[1],
        b[2],
        b[3],
        b[0],
        b[3],
        b[0],
        b[1]);
  }

  private static Map<String, Object> publisher(ReleaseConfig c) {
    Map<String, Object> p = node(c.publisher().url(), "foaf:Agent");
    p.put("foaf:name", c.publisher().name());
    return p;
  }

  private static Map<String, Object> licence(ReleaseConfig c) {
    Map<String, Object> l = node(c.license().url(), "dct:LicenseDocument");
    l.put("rdfs:label", c.license().name());
    return l;
  }

  private static Map<String, Object> node(String id, String type) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (id != null) {
      m.put("@id", id);
    }
    m.put("@type", type);
    return m;
  }

  private static Map<String, Object> ref(String id) {
    return Map.of("@id", id);
  }

  private static Map<String, Object> lang(String value, String language) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("@value", value);
    m.put("@language", language);
    return m;
  }

  private static Map<String, Object> typed(String value, String type) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("@value", value);
    m.put("@type", type);
    return m;
  }

  private static Map<String, Object> link(String rel, String href, String type, String title) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("rel", rel);
    m.put("href", href);
    m.put("type", type);
    if (title != null) {
      m.put("title", title);
    }
    return m;
  }

  private static Map<String, Object> asset(String href, String type, String title, String role) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("href", href);
    m.put("type", type);
    m.put("title", title);
    m.put("roles", List.of(role));
    return m;
  }

  private static List<Double> list(double[] b) {
    List<Double> l = new ArrayList<>();
    for (double v : b) {
      l.add(v);
    }
    return l;
  }
}
