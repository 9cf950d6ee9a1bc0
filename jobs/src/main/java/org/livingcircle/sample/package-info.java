/**
 * {@code lcp sample}: a pure-Java generator of SYNTHETIC input directories for one city, used for
 * tests, demos and the ingest benchmark. Entry point: {@link
 * org.livingcircle.sample.SampleGenerator} with a {@link org.livingcircle.sample.SampleSpec};
 * deterministic for a seed.
 *
 * <p>CLI (wired by the command layer): {@code bin/lcp sample --city jincheng --seed 42 --out DIR
 * [--counties 140522,140525] [--scale 1.0] [--rows 1000000]}, with reference paths defaulting to
 * {@code reference/shanxi_counties.geojson}, {@code reference/admin_codes.csv} and {@code
 * conf/categories.yaml}; each maps one-to-one onto a {@link org.livingcircle.sample.SampleSpec}
 * component. Print {@link org.livingcircle.sample.SampleResult#progressLine} as the INFO line.
 *
 * <h2>Output contract (read by the ingest)</h2>
 *
 * <pre>
 * OUT/README.md                      starts with "SYNTHETIC SAMPLE DATA"
 * OUT/sample_manifest.json           synthetic=true, seed, scale, counties, valid_pois_by_category,
 *                                    mess_reasons, files[path, format, rows, sha256, counts,
 *                                    expected_quarantine]
 * OUT/poi/amap_CITY_utf8.csv         UTF-8 with BOM, LF
 * OUT/poi/amap_CITY_gbk.csv          GBK, no BOM, CRLF
 *     id,name,type,typecode,address,location,pname,cityname,adname,adcode,data_note
 *     id B0FFxxxxxx; type "大类;中类;小类"; typecode 6 digits or "060200|060400" (first = category);
 *     location "lng,lat" GCJ-02, 6 decimals; pname 山西省; adname county name; adcode county code
 * OUT/poi/amap_CITY_lnglat.csv       UTF-8, LF; same but lng,lat columns instead of location
 * OUT/poi/amap_CITY_place_api.json   {"status":"1","count":"N","info":"OK","infocode":"10000",
 *                                    "lcp_note":..., "pois":[{id,name,type,typecode,address,location,
 *                                    pname,cityname,adname,adcode}]}
 * OUT/poi/osm_CITY.geojson           FeatureCollection + "lcp_note"; WGS84 Points; properties osm_id,
 *                                    name and the category's OSM tags (amenity/shop/leisure ...)
 * OUT/poi/amap_CITY_bench.csv        only with --rows N: N rows, Amap columns, UTF-8 with BOM
 * OUT/facilities.csv                 UTF-8, LF
 *     id,name,category,capacity,capacity_unit,address,lng,lat,crs,county_code,source,location_note,data_note
 *     capacity_unit places|pupils|beds; lng/lat WGS84 (crs EPSG:4326); capacity may be empty (1 real row)
 * OUT/census.csv                     UTF-8, LF; county rows then their townships (level county|township)
 *     admin_code,admin_name,level,pop_total,pop_0_2,pop_3_5,pop_6_14,pop_60_plus,pop_65_plus,households,
 *     year,source,data_note       (township pop_total sums exactly to the county's)
 * OUT/statistics.csv                 UTF-8, LF: admin_code,indicator,value,unit,year,source,data_note
 * OUT/streets.osm.pbf                OSM PBF, WGS84: SYNTHETIC street network (writingprogram says so, every
 *                                    way has source=synthetic (lcp sample)); node and way ids start at
 *                                    city code × 10^8 + 1; covers the configured neighbour cities too
 *                                    (one connected network, identical from either city); see SampleStreets
 * </pre>
 *
 * <p>Every CSV's last column {@code data_note} is "SYNTHETIC sample data (lcp sample, seed N) — not
 * real", or "real figure from &lt;source&gt;[, synthetic location]" for quoted figures. Valid POIs
 * lie inside their county outline after removing the GCJ-02 shift. The two main Amap CSVs carry
 * injected defects ({@code MessKind}): duplicate, bad_coordinate_{empty,zero,swapped,non_numeric,
 * outside_shanxi}, unknown_typecode, blank_name, wrong_column_count; their exact counts per file
 * are in the manifest.
 */
package org.livingcircle.sample;
