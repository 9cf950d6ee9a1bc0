// Browser test of the release portal: Debian's chromium (no browser download) driven by
// playwright-core, the release folder served from a loopback HTTP server.
// Release folder: $LCP_RELEASE_DIR, or $LCP_DEMO_OUT/release/<LATEST>. Screenshot: $LCP_SCREENSHOT_DIR
// (default <release>/../screenshots).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { chromium } from 'playwright-core';

function releaseDir() {
  if (process.env.LCP_RELEASE_DIR) return path.resolve(process.env.LCP_RELEASE_DIR);
  const out = process.env.LCP_DEMO_OUT;
  if (!out) throw new Error('Cannot find the release: set LCP_RELEASE_DIR or LCP_DEMO_OUT');
  const version = fs.readFileSync(path.join(out, 'release', 'LATEST'), 'utf8').trim();
  return path.join(path.resolve(out), 'release', version);
}

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css',
  '.json': 'application/json', '.jsonld': 'application/ld+json', '.csv': 'text/csv; charset=utf-8',
  '.geojson': 'application/geo+json', '.md': 'text/markdown; charset=utf-8', '.parquet': 'application/vnd.apache.parquet' };

/** A static file server confined to root; the only network the page may use. */
function serve(root) {
  const requests = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    requests.push(url.pathname);
    let file = path.normalize(path.join(root, decodeURIComponent(url.pathname)));
    if (!file.startsWith(root)) { res.writeHead(403).end(); return; }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!fs.existsSync(file)) { res.writeHead(404).end(); return; }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream',
      'content-length': fs.statSync(file).size });
    if (req.method === 'HEAD') res.end(); else fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, requests })));
}

const root = releaseDir();
const shots = process.env.LCP_SCREENSHOT_DIR || path.join(root, '..', 'screenshots');
let browser, page, server, base, requests;
const consoleErrors = [];
const offsite = [];

before(async () => {
  ({ server, requests } = await serve(root));
  base = `http://127.0.0.1:${server.address().port}/`;
  // playwright passes --user-data-dir itself for a persistent context (it refuses the flag in args)
  browser = await chromium.launchPersistentContext(fs.mkdtempSync(path.join(os.tmpdir(), 'lcp-chromium-')), {
    executablePath: process.env.LCP_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1280, height: 1400 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  page = browser.pages()[0] || await browser.newPage();
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  await page.route('**/*', (route) => {
    const u = route.request().url();
    if (u.startsWith(base) || u.startsWith('data:')) return route.continue();
    offsite.push(u);
    return route.abort();
  });
  await page.goto(base + 'index.html');
  await page.waitForFunction(() => window.LCP_STATE && window.LCP_STATE.ready, null, { timeout: 60000 });
  await page.waitForTimeout(500);
});

after(async () => {
  if (browser) await browser.close();
  if (server) server.close();
});

/** Non-transparent, non-background pixels over the map's tile canvases. */
function mapSignature() {
  return page.evaluate(() => {
    let painted = 0;
    let hash = 0;
    for (const c of document.querySelectorAll('#map canvas')) {
      if (!c.width || !c.height) continue;
      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      for (let i = 0; i < d.length; i += 4) {
        if (d[i + 3] > 0) {
          painted++;
          hash = (hash * 31 + d[i] * 7 + d[i + 1] * 3 + d[i + 2]) | 0;
        }
      }
    }
    return { painted, hash };
  });
}

/**
 * Draws each distinct Han character of the element's text alone on a canvas, in the element's own
 * font, and returns the bitmaps' facts. A missing font shows every character as the same box (the
 * .notdef glyph), which is also what a private-use character (U+E000, no glyph in any font) draws.
 */
function glyphFacts(p, selector) {
  return p.evaluate((sel) => {
    const el = document.querySelector(sel);
    const style = getComputedStyle(el);
    const font = `${style.fontWeight} 40px ${style.fontFamily}`;
    const chars = [...new Set([...el.textContent].filter((c) => /\p{Script=Han}/u.test(c)))].slice(0, 8);
    const canvas = document.createElement('canvas');
    canvas.width = 56;
    canvas.height = 56;
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    const bitmap = (ch) => {
      ctx.clearRect(0, 0, 56, 56);
      ctx.font = font;
      ctx.textBaseline = 'top';
      ctx.fillText(ch, 6, 6);
      const d = ctx.getImageData(0, 0, 56, 56).data;
      let bits = '';
      for (let i = 3; i < d.length; i += 4) bits += d[i] > 127 ? '1' : '0';
      return bits;
    };
    const box = bitmap('\uE000');
    const maps = chars.map(bitmap);
    return { text: el.textContent, font, chars: chars.join(''), distinct: new Set(maps).size,
      boxes: maps.filter((m) => m === box).length, inked: maps.filter((m) => m.includes('1')).length };
  }, selector);
}

function assertGlyphs(facts, what) {
  assert.ok(facts.chars.length >= 3, `${what}: "${facts.text}" has ${facts.chars.length} Han characters`);
  assert.equal(facts.inked, facts.chars.length, `${what}: every character draws ink (${facts.font})`);
  assert.equal(facts.boxes, 0, `${what}: ${facts.boxes} of "${facts.chars}" draw the missing-glyph box (${facts.font})`);
  assert.equal(facts.distinct, facts.chars.length, `${what}: "${facts.chars}" draw ${facts.distinct} distinct shapes (tofu draws one)`);
}

test('Chinese labels render as glyphs, not as boxes (a CJK font is installed and declared)', async () => {
  const title = await glyphFacts(page, '#title');
  assertGlyphs(title, 'page title');
  assertGlyphs(await glyphFacts(page, '#legend .title'), 'map legend');
  assert.match(title.font, /Noto Sans CJK SC/);
});

test('the glyph check sees boxes when no CJK font is available', async () => {
  // the same page in a chromium whose fontconfig knows only DejaVu (no CJK): the check must fail there
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lcp-nocjk-'));
  const conf = path.join(dir, 'fonts.conf');
  fs.writeFileSync(conf, `<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>
    <dir>/usr/share/fonts/truetype/dejavu</dir><cachedir>${dir}/cache</cachedir></fontconfig>\n`);
  const bare = await chromium.launch({ executablePath: process.env.LCP_CHROMIUM || '/usr/bin/chromium', headless: true,
    env: { ...process.env, FONTCONFIG_FILE: conf }, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  try {
    const p = await bare.newPage();
    await p.goto(base + 'index.html');
    await p.waitForFunction(() => window.LCP_STATE && window.LCP_STATE.ready, null, { timeout: 60000 });
    const facts = await glyphFacts(p, '#title');
    assert.ok(facts.chars.length >= 3);
    assert.ok(facts.boxes > 0 || facts.distinct < facts.chars.length,
      `without a CJK font "${facts.chars}" should draw boxes: ${JSON.stringify(facts)}`);
  } finally {
    await bare.close();
  }
});

test('the page loads without console errors and without off-site requests', () => {
  assert.deepEqual(consoleErrors, []);
  assert.deepEqual(offsite, []);
});

test('the map draws cells and shows a legend', async () => {
  const sig = await mapSignature();
  assert.ok(sig.painted > 10000, `map canvases have ${sig.painted} painted pixels`);
  const legend = await page.textContent('#legend');
  assert.match(legend, /分钟|min/);
  assert.ok((await page.$$('#legend i')).length >= 5, 'legend has colour swatches');
});

test('both charts draw on non-blank canvases', async () => {
  for (const id of ['chart-targets', 'chart-coverage']) {
    const distinct = await page.evaluate((sel) => {
      const c = document.querySelector(`#${sel} canvas`);
      if (!c) return 0;
      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      const colours = new Set();
      for (let i = 0; i < d.length; i += 16) if (d[i + 3] > 0) colours.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
      return colours.size;
    }, id);
    assert.ok(distinct > 3, `${id} has ${distinct} distinct colours`);
    const bars = await page.evaluate((sel) => {
      const option = window.echarts.getInstanceByDom(document.getElementById(sel)).getOption();
      return option.series.reduce((n, s) => n + s.data.filter((v) => v !== null && (v.value === undefined || v.value !== null)).length, 0);
    }, id);
    assert.ok(bars >= 7, `${id} plots ${bars} values (one per county and city)`);
  }
});

test('switching the category redraws the map and the legend', async () => {
  const before = await mapSignature();
  const legendBefore = await page.textContent('#legend');
  await page.selectOption('#layer-select', 'kindergarten');
  await page.waitForFunction(() => window.LCP_STATE.ready && window.LCP_STATE.layer === 'kindergarten');
  await page.waitForTimeout(500);
  const afterSig = await mapSignature();
  assert.notEqual(afterSig.hash, before.hash, 'map pixels change with the category');
  assert.notEqual(await page.textContent('#legend'), legendBefore);
  await page.selectOption('#layer-select', 'basic_types_10min');
  await page.waitForFunction(() => window.LCP_STATE.ready && window.LCP_STATE.layer === 'basic_types_10min');
  await page.waitForTimeout(500);
  assert.match(await page.textContent('#legend'), /13/);
  await page.selectOption('#layer-select', 'convenience_store');
  await page.waitForFunction(() => window.LCP_STATE.ready && window.LCP_STATE.layer === 'convenience_store');
  await page.waitForTimeout(500);
  assert.deepEqual(consoleErrors, []);
});

test('the siting layer numbers new sites, draws the coverage curve and says what reaches the target', async () => {
  await page.selectOption('#layer-select', 'convenience_store');
  await page.waitForFunction(() => window.LCP_STATE.ready && window.LCP_STATE.layer === 'convenience_store');
  const markers = await page.$$eval('.site-marker', (els) => els.map((e) => e.textContent));
  assert.ok(markers.length > 0, 'numbered site markers on the map');
  assert.equal(markers.length, await page.evaluate(() => window.LCP_STATE.sites));
  assert.ok(markers.includes('1'), `ranks start at 1: ${markers.slice(0, 5)}`);
  const curve = await page.evaluate(() => {
    const option = window.echarts.getInstanceByDom(document.getElementById('chart-siting')).getOption();
    return option.series.map((x) => x.data);
  });
  assert.ok(curve.length >= 1 && curve[0].length >= 2, 'a coverage curve with at least two points');
  for (let i = 1; i < curve[0].length; i++) assert.ok(curve[0][i] >= curve[0][i - 1], 'the curve never falls');
  // the basket layer shows the target's answer for every county with a sited target
  await page.selectOption('#layer-select', 'basic_types_10min');
  await page.waitForFunction(() => window.LCP_STATE.ready && window.LCP_STATE.layer === 'basic_types_10min');
  assert.match(await page.textContent('#siting-note'), /reach the target|not reachable within the budget|already met|no sited target/);
  await page.selectOption('#layer-select', 'convenience_store');
  await page.waitForFunction(() => window.LCP_STATE.ready && window.LCP_STATE.layer === 'convenience_store');
  assert.deepEqual(consoleErrors, []);
});

test('the walking-model sentence names the model of the release', async () => {
  const catalog = await page.evaluate(() => window.LCP_CATALOG.cities.map((c) => c.walk_model));
  const note = await page.textContent('#model-note');
  if (catalog[0] === 'network') {
    assert.match(note, /street network/);
    assert.ok(await page.evaluate(() => window.LCP_STATE.modelRows) > 0, 'a network city shows its model table');
  } else {
    assert.match(note, /straight-line model/);
    assert.equal(await page.evaluate(() => window.LCP_STATE.modelRows), 0);
    assert.equal(await page.$eval('#model-table', (t) => t.hidden), true);
  }
});

/**
 * The release's catalogue with the first city turned into a network city: SYNTHETIC model columns on its county and
 * city rows (derived from the row's position, so the test knows every value it expects).
 */
function networkCatalog() {
  const text = fs.readFileSync(path.join(root, 'data', 'catalog.js'), 'utf8');
  const catalog = JSON.parse(text.replace(/^window\.LCP_CATALOG = /, '').replace(/;\s*$/, ''));
  const city = catalog.cities[0];
  const cells = fs.readFileSync(path.join(root, 'data', city.id, 'cells.js'), 'utf8');
  const header = JSON.parse(cells.replace(/^LCP\.cells\(/, '').replace(/\);\s*$/, ''));
  const codes = new Set(header.counties.map((c) => c.code));
  const cityCode = catalog.admin.find((r) => codes.has(r.admin_code)).city_code;
  city.walk_model = 'network';
  const expected = [];
  catalog.admin.forEach((r) => {
    if (!codes.has(r.admin_code) && !(r.level === 'city' && r.admin_code === cityCode)) return;
    const k = expected.length;
    Object.assign(r, { share_basic_10min_network: String(0.25 + k / 100), share_basic_10min_straight: String(0.5 + k / 100),
      share_basic_15min_network: String(0.5), share_basic_15min_straight: String(0.75), detour_p10: '1.125',
      detour_p50: String(1.25 + k / 100), detour_p90: '2', share_unlinked: '0.0625',
      detour_factor_assumed: String(city.detour_factor) });
    expected.push({ name: r.name, network10: (25 + k).toFixed(1) + '%', straight10: (50 + k).toFixed(1) + '%',
      p50: (1.25 + k / 100).toFixed(2) });
  });
  return { body: 'window.LCP_CATALOG = ' + JSON.stringify(catalog) + ';\n', expected, cityName: city.name_en };
}

test('a network city shows network and straight-line shares and the measured detour per county', async () => {
  const fake = networkCatalog();
  const p = await browser.newPage();
  const errors = [];
  p.on('pageerror', (e) => errors.push(String(e)));
  await p.route('**/data/catalog.js', (route) => route.fulfill({ status: 200, contentType: 'text/javascript; charset=utf-8', body: fake.body }));
  try {
    await p.goto(base + 'index.html');
    await p.waitForFunction(() => window.LCP_STATE && window.LCP_STATE.ready, null, { timeout: 60000 });
    assert.equal(await p.evaluate(() => window.LCP_STATE.modelRows), fake.expected.length);
    assert.equal(await p.$eval('#model-table', (t) => t.hidden), false);
    const rows = await p.$$eval('#model-table tbody tr', (trs) => trs.map((tr) => [...tr.cells].map((td) => td.textContent)));
    assert.equal(rows.length, fake.expected.length);
    fake.expected.forEach((e, i) => {
      assert.ok(rows[i][0].startsWith(e.name), `${rows[i][0]} is ${e.name}`);
      assert.equal(rows[i][1], e.network10);
      assert.equal(rows[i][2], e.straight10);
      assert.equal(rows[i][3], '50.0%');
      assert.equal(rows[i][4], '75.0%');
      assert.equal(rows[i][5], `1.13 / ${e.p50} / 2.00`);
      assert.equal(rows[i][7], '6.3%');
    });
    assert.match(await p.textContent('#model-note'), new RegExp(`${fake.cityName} use the shortest walk along the street network`));
    assert.match(await p.textContent('#map-note'), /along the street network/);
    assert.deepEqual(errors, []);
  } finally {
    await p.close();
  }
});

test('every link on the page resolves', async () => {
  const hrefs = await page.$$eval('a[href]', (as) => as.map((a) => a.href));
  const local = hrefs.filter((h) => h.startsWith(base));
  assert.ok(local.length > 20, `${local.length} local links`);
  for (const h of new Set(local)) {
    const res = await fetch(h, { method: 'HEAD' });
    assert.equal(res.status, 200, h);
  }
  const external = hrefs.filter((h) => !h.startsWith(base));
  for (const h of external) assert.match(h, /^https:\/\/creativecommons\.org\//, `only the licence links off-site: ${h}`);
});

test('another city loads and a screenshot is saved', async () => {
  await page.selectOption('#city-select', 'changzhi');
  await page.waitForFunction(() => window.LCP_STATE.ready && window.LCP_STATE.city === 'changzhi');
  await page.waitForTimeout(800);
  assert.ok((await mapSignature()).painted > 10000);
  await page.selectOption('#city-select', 'jincheng');
  await page.waitForFunction(() => window.LCP_STATE.ready && window.LCP_STATE.city === 'jincheng');
  await page.waitForTimeout(800);
  fs.mkdirSync(shots, { recursive: true });
  const file = path.join(shots, 'portal.png');
  await page.screenshot({ path: file, fullPage: true });
  assert.ok(fs.statSync(file).size > 20000);
  console.log(`screenshot: ${file}`);
  assert.deepEqual(consoleErrors, []);
});
