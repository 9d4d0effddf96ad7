// SaeLab feature dashboard: plain script, no framework, no network. Data arrive as data/*.js files that call
// saeDashboard.receive(name, payload); <script> tags load them because file:// pages may not fetch() local files.
'use strict';

(function () {
  const PAGE_SIZE = 100;
  const state = {
    index: null,
    rows: [],
    shown: [],
    sort: { column: 'density', descending: true },
    page: 0,
    vectors: null,
    texts: null,
    chunks: new Map(),
    waiting: new Map(),
  };

  // Where each data file's payload goes; index.js arrives with the page, the others on demand.
  const receivers = {
    index: payload => start(payload),
    vectors: payload => { state.vectors = payload; },
    texts: payload => { state.texts = payload; },
    chunk: payload => { state.chunks.set(payload.index, payload); },
  };

  window.saeDashboard = {
    receive(name, payload) { receivers[name](payload); },
  };

  const $ = id => document.getElementById(id);

  function element(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (value !== null && value !== undefined) node.setAttribute(name, value);
    }
    for (const child of children) {
      if (child !== null && child !== undefined) node.append(child instanceof Node ? child : String(child));
    }
    return node;
  }

  function number(value) {
    if (value === null || value === undefined) return '-';
    const x = Number(value);
    if (!isFinite(x)) return String(value);
    if (x === 0) return '0';
    return Math.abs(x) >= 1e5 || Math.abs(x) < 1e-3 ? x.toExponential(3) : String(Number(x.toPrecision(4)));
  }

  function percent(value) { return `${Number((value * 100).toPrecision(3))}%`; }

  // Loads data/<file> once; resolves when its receive() call has run.
  function loadScript(file) {
    if (!state.waiting.has(file)) {
      state.waiting.set(file, new Promise((resolve, reject) => {
        const script = element('script', { src: `data/${file}` });
        script.onload = resolve;
        script.onerror = () => reject(new Error(`could not load data/${file}`));
        document.body.append(script);
      }));
    }
    return state.waiting.get(file);
  }

  // ---- index -------------------------------------------------------------------------------------------------

  const COLUMNS = [
    { key: 'id', title: 'feature', numeric: true },
    { key: 'density', title: 'density', numeric: true, format: percent },
    { key: 'usage', title: 'vectors', numeric: true },
    { key: 'max_activation', title: 'max act.', numeric: true },
    { key: 'mean_activation', title: 'mean act.', numeric: true },
    { key: 'selectivity', title: 'label selectivity', numeric: true },
    { key: 'label', title: 'preferred label' },
    { key: 'layer', title: 'preferred layer' },
    { key: 'token', title: 'preferred token' },
    { key: 'label_selective', title: 'label-selective' },
  ];

  function start(index) {
    state.index = index;
    state.rows = index.rows.map(values => Object.fromEntries(index.columns.map((name, i) => [name, values[i]])));
    state.byId = new Map(state.rows.map(row => [row.id, row]));
    document.title = `${index.title} — SAE feature dashboard`;
    $('title').textContent = index.title;
    $('subtitle').textContent = `${index.data}: ${index.vectors} vectors, profiled against '${index.options.label_key}'`;
    renderSummary(index);
    renderFilters(index);
    renderHead();
    bindIndexControls();
    window.addEventListener('hashchange', route);
    route();
  }

  function renderSummary(index) {
    const stats = [
      ['features', index.features, 'features'],
      ['live', index.used, 'live'],
      ['dead', index.dead, 'dead'],
      ['label-selective', index.label_selective, 'label-selective'],
      ['vectors', index.vectors, 'vectors'],
    ];
    $('summary').replaceChildren(...stats.map(([name, value, field]) =>
      element('div', { class: 'stat' }, element('span', { class: 'name' }, name), element('span', { class: 'value', 'data-field': field }, value))));
  }

  function dimensionValues(column) {
    const dimension = state.index.dimensions.find(d => d.column === column);
    return dimension ? dimension.values : [];
  }

  function renderFilters(index) {
    const fill = (select, values) => {
      select.replaceChildren(element('option', { value: '' }, 'any'), ...values.map(v => element('option', { value: v }, v)));
      select.disabled = values.length === 0;
    };
    fill($('filter-label'), dimensionValues(index.options.label_key));
    fill($('filter-layer'), dimensionValues('layers'));
    fill($('filter-token'), dimensionValues('tokens'));
  }

  function renderHead() {
    $('feature-head').replaceChildren(...COLUMNS.map(column => {
      const cell = element('th', { class: `sortable${column.numeric ? ' num' : ''}`, 'data-column': column.key }, column.title);
      cell.addEventListener('click', () => {
        state.sort = state.sort.column === column.key
          ? { column: column.key, descending: !state.sort.descending }
          : { column: column.key, descending: column.numeric && column.key !== 'id' };
        state.page = 0;
        refreshTable();
      });
      return cell;
    }));
  }

  function bindIndexControls() {
    for (const id of ['filter-label', 'filter-layer', 'filter-token', 'filter-selective', 'filter-density']) {
      $(id).addEventListener('input', () => { state.page = 0; refreshTable(); });
    }
    $('page-prev').addEventListener('click', () => { state.page -= 1; renderRows(); });
    $('page-next').addEventListener('click', () => { state.page += 1; renderRows(); });
    $('search').addEventListener('submit', event => {
      event.preventDefault();
      openFeature($('search-id').value.trim());
    });
  }

  function openFeature(text) {
    const id = Number(text);
    const message = $('search-message');
    if (text === '' || !Number.isInteger(id) || id < 0 || id >= state.index.features) {
      message.textContent = `no feature ${text}: ids run from 0 to ${state.index.features - 1}`;
    } else if (!state.byId.has(id)) {
      message.textContent = `feature ${id} is dead: it fires on none of the ${state.index.vectors} vectors`;
    } else {
      message.textContent = '';
      location.hash = `#feature/${id}`;
    }
  }

  function matches(row) {
    const label = $('filter-label').value, layer = $('filter-layer').value, token = $('filter-token').value;
    const minDensity = Number($('filter-density').value || 0);
    return (!label || row.label === label) && (!layer || row.layer === layer) && (!token || row.token === token) &&
      (!$('filter-selective').checked || row.label_selective) && row.density >= minDensity;
  }

  function compare(a, b) {
    const { column, descending } = state.sort;
    const x = a[column], y = b[column];
    if (x === y) return a.id - b.id;
    if (x === null) return 1;
    if (y === null) return -1;
    return (x < y ? -1 : 1) * (descending ? -1 : 1);
  }

  function refreshTable() {
    state.shown = state.rows.filter(matches).sort(compare);
    for (const cell of $('feature-head').children) {
      cell.classList.toggle('sorted-asc', cell.dataset.column === state.sort.column && !state.sort.descending);
      cell.classList.toggle('sorted-desc', cell.dataset.column === state.sort.column && state.sort.descending);
    }
    $('filter-count').textContent = `showing ${state.shown.length} of ${state.rows.length} live features`;
    renderRows();
  }

  // Only one page of rows is in the DOM, so thousands of features open as fast as a hundred.
  function renderRows() {
    const pages = Math.max(1, Math.ceil(state.shown.length / PAGE_SIZE));
    state.page = Math.min(Math.max(state.page, 0), pages - 1);
    const rows = state.shown.slice(state.page * PAGE_SIZE, (state.page + 1) * PAGE_SIZE);
    $('feature-rows').replaceChildren(...rows.map(row => element('tr', { 'data-feature': row.id }, ...COLUMNS.map(column => {
      const value = row[column.key];
      const content = column.key === 'id'
        ? element('a', { href: `#feature/${value}` }, value)
        : column.key === 'label_selective' ? (value ? 'yes' : 'no') : (column.format || (column.numeric ? number : v => v ?? '-'))(value);
      return element('td', { class: column.numeric ? 'num' : null, 'data-column': column.key }, content);
    }))));
    $('page-info').textContent = `page ${state.page + 1} of ${pages}`;
    $('page-prev').disabled = state.page === 0;
    $('page-next').disabled = state.page >= pages - 1;
  }

  // ---- routing -----------------------------------------------------------------------------------------------

  function route() {
    const match = /^#feature\/(\d+)$/.exec(location.hash);
    $('index-view').hidden = Boolean(match);
    $('card-view').hidden = !match;
    if (match) {
      showCard(Number(match[1]));
    } else {
      if (!state.tableShown) {
        state.tableShown = true;
        refreshTable();
      }
      markReady('index');
    }
  }

  function markReady(view) {
    document.body.dataset.ready = view;
    if (performance.getEntriesByName(`${view}-ready`).length === 0) performance.mark(`${view}-ready`);
  }

  // ---- feature card ------------------------------------------------------------------------------------------

  async function showCard(id) {
    const view = $('card-view');
    document.body.dataset.ready = '';
    view.replaceChildren(element('p', null, `loading feature ${id}…`));
    const chunkIndex = Math.floor(id / state.index.features_per_chunk);
    try {
      await Promise.all([
        loadScript(`features-${String(chunkIndex).padStart(4, '0')}.js`),
        loadScript('vectors.js'),
        loadScript('texts.js'),
      ]);
    } catch (error) {
      view.replaceChildren(element('p', null, error.message));
      return;
    }
    const feature = (state.chunks.get(chunkIndex)?.features || []).find(f => f.id === id);
    view.replaceChildren(feature ? renderCard(feature) : element('p', null, `feature ${id} is dead: it has no card`));
    window.scrollTo(0, 0);
    markReady('card');
  }

  function neighbourLinks(id) {
    const position = state.rows.findIndex(row => row.id === id);
    const previous = state.rows[position - 1], next = state.rows[position + 1];
    return element('div', { class: 'nav' },
      element('a', { href: '#' }, '← all features'),
      previous ? element('a', { href: `#feature/${previous.id}` }, `← feature ${previous.id}`) : null,
      next ? element('a', { href: `#feature/${next.id}` }, `feature ${next.id} →`) : null);
  }

  function renderCard(feature) {
    const stats = [
      ['density', percent(feature.density), 'density'],
      ['vectors fired on', feature.usage, 'usage'],
      ['max activation', number(feature.max_activation), 'max_activation'],
      ['mean activation (when firing)', number(feature.mean_activation), 'mean_activation'],
      ['label selectivity', number(feature.label.selectivity), 'selectivity'],
      ['preferred label', feature.label.preferred ?? '-', 'label'],
      ['label-selective', feature.label_selective ? 'yes' : 'no', 'label_selective'],
    ];
    return element('article', { class: 'card', 'data-feature': feature.id },
      neighbourLinks(feature.id),
      element('h2', { 'data-field': 'title' }, `Feature ${feature.id}`),
      element('div', { class: 'summary' }, ...stats.map(([name, value, field]) =>
        element('div', { class: 'stat' }, element('span', { class: 'name' }, name), element('span', { class: 'value', 'data-field': field }, value)))),
      element('div', { class: 'grid' },
        element('section', null, element('h3', null, 'Activation histogram'), histogram(feature.detail)),
        element('section', null, element('h3', null, 'Mean activation by value'), breakdowns(feature)),
        element('section', null, element('h3', null, 'Nearest features by decoder cosine'), neighbours(feature.detail.neighbours))),
      element('section', null, element('h3', null, `Top ${feature.detail.top.length} activating vectors`), examplesTable(feature.detail.top, 'top-examples')),
      element('section', null, element('h3', null, 'Quantile bands'), bands(feature.detail)));
  }

  function histogram(detail) {
    const { low, high, counts } = detail.histogram;
    const width = 520, height = 160, left = 36, bottom = 22, top = 8;
    const tallest = Math.max(1, ...counts);
    const barWidth = (width - left) / counts.length;
    const ns = 'http://www.w3.org/2000/svg';
    const svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('class', 'histogram');
    svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
    svg.setAttribute('data-field', 'histogram');
    const add = (tag, attributes, text) => {
      const node = document.createElementNS(ns, tag);
      for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
      if (text !== undefined) node.textContent = text;
      svg.append(node);
      return node;
    };
    counts.forEach((count, bin) => {
      const barHeight = (height - bottom - top) * count / tallest;
      const from = low + (high - low) * bin / counts.length, to = low + (high - low) * (bin + 1) / counts.length;
      const bar = add('rect', { x: left + bin * barWidth + 1, y: height - bottom - barHeight, width: Math.max(1, barWidth - 2), height: barHeight, 'data-count': count });
      const title = document.createElementNS(ns, 'title');
      title.textContent = `${number(from)}–${number(to)}: ${count}`;
      bar.append(title);
    });
    add('text', { x: left, y: height - 6 }, number(low));
    add('text', { x: width - 4, y: height - 6, 'text-anchor': 'end' }, number(high));
    add('text', { x: 0, y: top + 8 }, String(tallest));
    return element('figure', { style: 'margin:0' }, svg,
      element('figcaption', { class: 'no' }, `${detail.sampled} firing activations, ${counts.length} bins from ${number(low)} to ${number(high)}`));
  }

  function breakdowns(feature) {
    const tables = [['label', feature.label], ['layer', feature.layer], ['token', feature.token]].filter(([, preference]) => preference);
    return element('div', null, ...tables.map(([name, preference]) => {
      const means = Object.entries(preference.means);
      const largest = Math.max(1e-12, ...means.map(([, mean]) => mean));
      return element('table', { 'data-breakdown': name, style: 'margin-bottom:8px' },
        element('thead', null, element('tr', null, element('th', null, name), element('th', { class: 'num' }, 'mean act.'), element('th', null, ''))),
        element('tbody', null, ...means.map(([value, mean]) => element('tr', { 'data-value': value },
          element('td', null, value === preference.preferred ? element('strong', null, value) : value),
          element('td', { class: 'num', 'data-field': 'mean' }, number(mean)),
          element('td', null, element('span', { class: 'bar', style: `width:${Math.round(80 * Math.max(0, mean) / largest)}px` }))))));
    }));
  }

  function neighbours(list) {
    if (list.length === 0) return element('p', { class: 'no' }, 'no other live feature');
    return element('table', { 'data-field': 'neighbours' },
      element('thead', null, element('tr', null, element('th', null, 'feature'), element('th', { class: 'num' }, 'cosine'))),
      element('tbody', null, ...list.map(n => element('tr', { 'data-feature': n.id },
        element('td', null, element('a', { href: `#feature/${n.id}` }, n.id)),
        element('td', { class: 'num' }, number(n.cosine))))));
  }

  function vectorValue(column, vector) {
    const values = state.vectors[column];
    return values ? values[vector] : null;
  }

  // The token strip: this vector's thought-token position among the data's token positions.
  function tokenStrip(token) {
    const tokens = dimensionValues('tokens');
    if (tokens.length === 0 || token === null) return token ?? '-';
    return element('span', { class: 'tokens', title: `token ${token}` },
      ...tokens.map(t => element('span', { class: String(t) === String(token) ? 'here' : null }, t)));
  }

  function examplesTable(examples, name) {
    const labelKey = state.index.options.label_key;
    const withTexts = state.index.has_texts;
    return element('table', { 'data-table': name },
      element('thead', null, element('tr', null,
        element('th', { class: 'num' }, '#'), element('th', { class: 'num' }, 'vector'), element('th', { class: 'num' }, 'problem'),
        element('th', null, 'layer'), element('th', null, 'token'), element('th', null, 'label'), element('th', { class: 'num' }, 'activation'),
        withTexts ? element('th', null, 'question') : null)),
      element('tbody', null, ...examples.map((example, rank) => {
        const problem = vectorValue('problems', example.vector);
        const question = withTexts && problem !== null ? state.texts[problem] : null;
        return element('tr', { 'data-vector': example.vector },
          element('td', { class: 'num' }, rank + 1),
          element('td', { class: 'num' }, example.vector),
          element('td', { class: 'num', 'data-field': 'problem' }, problem ?? '-'),
          element('td', { 'data-field': 'layer' }, vectorValue('layers', example.vector) ?? '-'),
          element('td', { 'data-field': 'token' }, tokenStrip(vectorValue('tokens', example.vector))),
          element('td', { 'data-field': 'label' }, vectorValue(labelKey, example.vector) ?? '-'),
          element('td', { class: 'num', 'data-field': 'activation' }, number(example.activation)),
          withTexts ? element('td', { class: 'question', 'data-field': 'question' }, question ?? '') : null);
      })));
  }

  function bands(detail) {
    return element('div', null, ...detail.bands.map(band => element('div', { class: 'band', 'data-band': band.from_quantile },
      element('strong', null, `${Math.round(band.from_quantile * 100)}–${Math.round(band.to_quantile * 100)}% of firing activations: `),
      `${number(band.lower)} to ${number(band.upper)}`,
      examplesTable(band.samples, 'band'))));
  }
})();
