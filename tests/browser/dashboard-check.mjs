// Opens a generated feature dashboard from file:// in headless Chromium, as a person would: waits for the index,
// sorts it, searches for a feature id, opens that card, and prints as JSON what the pages show (and how long the
// index took to open). The xunit test SaeLab.Tests.Dashboard.DashboardBrowserTests checks the output against
// analysis.json; with --screenshots DIR it also saves index.png and card.png (the README's images, 1280 × 900).
//
//   node dashboard-check.mjs --index path/to/index.html --feature 42 [--screenshots DIR]
import { chromium } from 'playwright-core';
import { pathToFileURL } from 'node:url';
import path from 'node:path';

function option(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : fallback;
}

const indexPath = option('index');
const feature = option('feature');
const screenshots = option('screenshots');
if (!indexPath || feature === undefined) {
  console.error('usage: node dashboard-check.mjs --index INDEX.html --feature ID [--screenshots DIR]');
  process.exit(2);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  // Chromium refuses to run as root with its sandbox; CI runs as root in a container.
  args: ['--no-sandbox'],
});
const errors = [];
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('pageerror', error => errors.push(error.message));
  page.on('console', message => { if (message.type() === 'error') errors.push(message.text()); });
  page.on('request', request => {
    if (!request.url().startsWith('file://')) errors.push(`network request: ${request.url()}`);
  });

  await page.goto(pathToFileURL(path.resolve(indexPath)).href);
  await page.waitForSelector('body[data-ready="index"]');
  const index = await page.evaluate(() => {
    const text = selector => document.querySelector(selector)?.textContent ?? null;
    const ready = performance.getEntriesByName('index-ready')[0];
    return {
      readyMs: ready ? ready.startTime : null,
      live: Number(text('#summary [data-field="live"]')),
      dead: Number(text('#summary [data-field="dead"]')),
      features: Number(text('#summary [data-field="features"]')),
      rowsOnPage: document.querySelectorAll('#feature-rows tr').length,
      count: text('#filter-count'),
      pageInfo: text('#page-info'),
    };
  });

  if (screenshots) await page.screenshot({ path: path.join(screenshots, 'index.png') });

  await page.click('th[data-column="max_activation"]');
  const sortedByMax = await page.$$eval('#feature-rows tr', rows => rows.slice(0, 5).map(row => Number(row.dataset.feature)));

  await page.fill('#search-id', '999999999');
  await page.click('#search button[type="submit"]');
  const unknownMessage = await page.textContent('#search-message');

  await page.fill('#search-id', String(feature));
  const searched = Date.now();
  await page.click('#search button[type="submit"]');
  await page.waitForSelector(`body[data-ready="card"] article.card[data-feature="${feature}"]`);
  const cardOpenMs = Date.now() - searched;
  const card = await page.evaluate(() => {
    const root = document.querySelector('article.card');
    const field = name => root.querySelector(`.summary [data-field="${name}"]`)?.textContent ?? null;
    const cell = (row, name) => row.querySelector(`[data-field="${name}"]`)?.textContent ?? null;
    const examples = table => [...table.querySelectorAll('tbody tr')].map(row => ({
      vector: Number(row.dataset.vector),
      problem: cell(row, 'problem'),
      layer: cell(row, 'layer'),
      token: row.querySelector('[data-field="token"] .here')?.textContent ?? cell(row, 'token'),
      label: cell(row, 'label'),
      activation: Number(cell(row, 'activation')),
      question: cell(row, 'question'),
    }));
    const breakdowns = {};
    for (const table of root.querySelectorAll('table[data-breakdown]')) {
      breakdowns[table.dataset.breakdown] = Object.fromEntries(
        [...table.querySelectorAll('tbody tr')].map(row => [row.dataset.value, Number(cell(row, 'mean'))]));
    }
    return {
      hash: location.hash,
      title: root.querySelector('[data-field="title"]').textContent,
      density: field('density'),
      usage: Number(field('usage')),
      maxActivation: Number(field('max_activation')),
      meanActivation: Number(field('mean_activation')),
      selectivity: Number(field('selectivity')),
      label: field('label'),
      labelSelective: field('label_selective'),
      histogram: [...root.querySelectorAll('svg.histogram rect')].map(bar => Number(bar.dataset.count)),
      top: examples(root.querySelector('table[data-table="top-examples"]')),
      bands: [...root.querySelectorAll('.band')].map(band => examples(band.querySelector('table')).map(e => e.vector)),
      neighbours: [...root.querySelectorAll('table[data-field="neighbours"] tbody tr')].map(row => Number(row.dataset.feature)),
      breakdowns,
    };
  });

  if (screenshots) await page.screenshot({ path: path.join(screenshots, 'card.png') });

  console.log(JSON.stringify({ index, sortedByMax, unknownMessage, cardOpenMs, card, errors }, null, 2));
} finally {
  await browser.close();
}
