// Draws the report's charts from the JSON in #mm-data and records how it went on <body>:
// data-charts (charts drawn), data-errors (script errors), data-blank-canvases (charts whose
// data line is missing from the canvas), data-status ("rendered" once the checks ran).
(function () {
  'use strict';
  var errors = window.__mmErrors || (window.__mmErrors = []);
  var body = document.body;
  var charts = [];

  function publish() {
    body.dataset.charts = String(charts.length);
    body.dataset.errors = errors.join(' | ');
  }

  function fail(where, e) {
    errors.push(where + ': ' + (e && e.message ? e.message : String(e)));
    publish();
  }

  var D;
  try {
    D = JSON.parse(document.getElementById('mm-data').textContent);
  } catch (e) {
    fail('data', e);
    body.dataset.status = 'rendered';
    return;
  }
  if (typeof uPlot === 'undefined') {
    fail('uPlot', 'not loaded');
    body.dataset.status = 'rendered';
    return;
  }

  var OUTCOME_COLORS = ['#2e7d32', '#c62828', '#9e9e9e'];
  var VOTE_COLORS = ['rgba(67,160,71,0.22)', null, 'rgba(229,57,53,0.22)'];
  var PRICE = [31, 58, 147];
  var INK = [33, 33, 33];
  var METRIC = [55, 71, 79];

  function pad(n) { return n < 10 ? '0' + n : String(n); }
  function fmtTime(ts) {
    if (ts == null) { return '–'; }
    var d = new Date(ts * 1000);
    return d.getUTCFullYear() + '-' + pad(d.getUTCMonth() + 1) + '-' + pad(d.getUTCDate()) + ' ' +
      pad(d.getUTCHours()) + ':' + pad(d.getUTCMinutes());
  }
  function fmtNum(v, digits) {
    if (v == null || !isFinite(v)) { return '–'; }
    var a = Math.abs(v);
    if (digits == null) { digits = a >= 1000 ? 2 : a >= 1 ? 3 : 4; }
    return v.toLocaleString('en-US', {minimumFractionDigits: digits, maximumFractionDigits: digits});
  }
  function rgb(c) { return 'rgb(' + c[0] + ',' + c[1] + ',' + c[2] + ')'; }
  function alpha(hex, a) {
    var n = parseInt(hex.slice(1), 16);
    return 'rgba(' + (n >> 16 & 255) + ',' + (n >> 8 & 255) + ',' + (n & 255) + ',' + a + ')';
  }
  function utc(ts) { return uPlot.tzDate(new Date(ts * 1e3), 'Etc/UTC'); }

  // Colored background bands [from, to, index] under the grid and series.
  function bandsHook(bands, colors, minWidth) {
    var least = (minWidth || 1) * uPlot.pxRatio;
    return function (u) {
      var ctx = u.ctx;
      var left = u.bbox.left;
      var right = left + u.bbox.width;
      ctx.save();
      for (var k = 0; k < bands.length; k++) {
        var b = bands[k];
        var c = colors[b[2]];
        if (!c) { continue; }
        var x0 = u.valToPos(b[0], 'x', true);
        var x1 = u.valToPos(b[1], 'x', true);
        if (x1 < left || x0 > right) { continue; }
        x0 = Math.max(left, x0);
        x1 = Math.min(right, Math.max(x1, x0 + least));
        ctx.fillStyle = c;
        ctx.fillRect(x0, u.bbox.top, x1 - x0, u.bbox.height);
      }
      ctx.restore();
    };
  }

  // Recommendation markers on the price chart: shape by action, fill by the 24 h grade.
  function markersHook(u) {
    var ctx = u.ctx;
    var r = 6 * uPlot.pxRatio;
    ctx.save();
    ctx.lineWidth = 1.25 * uPlot.pxRatio;
    ctx.strokeStyle = '#1b1b1b';
    for (var k = 0; k < D.markers.length; k++) {
      var m = D.markers[k];
      if (m[1] == null) { continue; }
      var x = u.valToPos(m[0], 'x', true);
      var y = u.valToPos(m[1], 'y', true);
      if (x < u.bbox.left || x > u.bbox.left + u.bbox.width) { continue; }
      var action = D.actions[m[2]];
      ctx.fillStyle = m[3] >= 0 ? OUTCOME_COLORS[m[3]] : '#ffffff';
      ctx.beginPath();
      if (action === 'CREATE_GRID') {
        ctx.moveTo(x, y - 2 * r); ctx.lineTo(x - r, y - 0.4 * r); ctx.lineTo(x + r, y - 0.4 * r);
      } else if (action === 'STOP_GRID') {
        ctx.moveTo(x, y + 2 * r); ctx.lineTo(x - r, y + 0.4 * r); ctx.lineTo(x + r, y + 0.4 * r);
      } else {
        ctx.moveTo(x, y - r); ctx.lineTo(x + r, y); ctx.lineTo(x, y + r); ctx.lineTo(x - r, y);
      }
      ctx.closePath();
      ctx.fill();
      ctx.stroke();
    }
    ctx.restore();
  }

  // Zoom on one chart zooms them all.
  var syncing = false;
  function syncScale(u, key) {
    if (key !== 'x' || syncing) { return; }
    syncing = true;
    try {
      var min = u.scales.x.min;
      var max = u.scales.x.max;
      charts.forEach(function (o) {
        if (o !== u && (o.scales.x.min !== min || o.scales.x.max !== max)) {
          o.setScale('x', {min: min, max: max});
        }
      });
    } finally {
      syncing = false;
    }
  }

  // The hour under the cursor, in words.
  var T = D.timeline;
  var byTime = {};
  D.markers.forEach(function (m) { byTime[m[0]] = m; });
  var info = document.getElementById('cursor-info');
  function nearest(ts) {
    var lo = 0;
    var hi = T.t.length - 1;
    if (hi < 0) { return -1; }
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (T.t[mid] <= ts) { lo = mid; } else { hi = mid - 1; }
    }
    return T.t[lo] <= ts ? lo : -1;
  }
  function showInfo(u) {
    var idx = u.cursor.idx;
    if (idx == null || !info) { return; }
    var ts = u.data[0][idx];
    var parts = [fmtTime(ts) + ' UTC'];
    var p = nearestPrice(ts);
    if (p >= 0) { parts.push('close ' + fmtNum(D.price.close[p], 2)); }
    var i = nearest(ts);
    if (i >= 0) {
      parts.push(D.verdicts[T.verdict[i]] + ' (confidence ' + fmtNum(T.confidence[i], 2) + ')');
      parts.push(T.exit[i] >= 0 ? 'exit ' + D.exitStates[T.exit[i]] : 'no grid running');
      var mk = byTime[T.t[i]];
      if (mk) {
        parts.push(D.actions[mk[2]] + (mk[3] >= 0 ? ' (24 h ' + D.outcomes[mk[3]] + ')' : ''));
      }
    }
    info.textContent = parts.join(' · ');
  }
  function nearestPrice(ts) {
    var t = D.price.t;
    var lo = 0;
    var hi = t.length - 1;
    if (hi < 0) { return -1; }
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (t[mid] <= ts) { lo = mid; } else { hi = mid - 1; }
    }
    return lo;
  }

  function make(id, opts, data, primary) {
    var el = document.getElementById(id);
    if (!el) { fail(id, 'no element'); return; }
    try {
      opts.width = Math.max(320, Math.floor(el.clientWidth));
      opts.tzDate = utc;
      opts.cursor = {sync: {key: 'mm'}, drag: {x: true, y: false}};
      opts.hooks = opts.hooks || {};
      opts.hooks.setScale = [syncScale];
      opts.hooks.setCursor = [showInfo];
      opts.series[0] = {value: function (u, ts) { return fmtTime(ts); }};
      var u = new uPlot(opts, data, el);
      u.mmPrimary = primary;
      u.mmId = id;
      charts.push(u);
    } catch (e) {
      fail(id, e);
    }
  }

  var P = D.price;
  make('chart-price', {
    height: 400,
    series: [
      {},
      {label: 'Close', stroke: rgb(PRICE), width: 1.5, value: function (u, v) { return fmtNum(v, 2); }},
      {label: 'Grid lower', stroke: '#00897b', width: 1.25, dash: [6, 4],
        value: function (u, v) { return fmtNum(v, 2); }},
      {label: 'Grid upper', stroke: '#00897b', width: 1.25, dash: [6, 4],
        value: function (u, v) { return fmtNum(v, 2); }}
    ],
    bands: [{series: [3, 2], fill: 'rgba(0,137,123,0.10)'}],
    axes: [{}, {size: 70, values: function (u, vals) { return vals.map(function (v) { return fmtNum(v, 0); }); }}],
    hooks: {drawClear: [bandsHook(D.exitBands, D.exitColors.map(function (c, i) {
      return i === 0 ? null : alpha(c, i === 1 ? 0.30 : 0.35);
    }), 3)], draw: [markersHook]}
  }, [P.t, P.close, P.gridLower, P.gridUpper], PRICE);

  make('chart-regime', {
    height: 170,
    series: [{}, {label: 'Confidence', stroke: rgb(INK), width: 1.5,
      value: function (u, v) { return fmtNum(v, 2); }}],
    scales: {y: {range: [0, 1]}},
    axes: [{}, {size: 70}],
    hooks: {drawClear: [bandsHook(D.verdictBands, D.verdictColors.map(function (c) {
      return alpha(c, 0.45);
    }))]}
  }, [T.t, T.confidence], INK);

  // The OU half-life spans decades: a log scale, when every value is positive.
  function logScale(values) {
    var lo = Infinity;
    var hi = -Infinity;
    for (var i = 0; i < values.length; i++) {
      var v = values[i];
      if (v == null) { continue; }
      if (!(v > 0)) { return false; }
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    return hi > 0 && hi / lo > 100;
  }

  D.metrics.forEach(function (m, k) {
    var values = T.metric[k];
    var log = m.log && logScale(values);
    make('chart-metric-' + m.key, {
      height: 150,
      scales: log ? {y: {distr: 3}} : {},
      series: [{}, {label: m.label, stroke: rgb(METRIC), width: 1.25,
        value: function (u, v) { return fmtNum(v); }}],
      axes: [{}, {size: 70}],
      legend: {show: true},
      hooks: {drawClear: [bandsHook(D.voteBands[k], VOTE_COLORS)]}
    }, [T.t, values], METRIC);
  });
  publish();

  window.addEventListener('resize', function () {
    charts.forEach(function (u) {
      var w = Math.max(320, Math.floor(u.root.parentNode.clientWidth));
      if (w !== u.width) { u.setSize({width: w, height: u.height}); }
    });
  });

  // A chart is blank when its data line's colour is not found in its plot area.
  function checkCanvases() {
    var blank = [];
    charts.forEach(function (u) {
      try {
        var b = u.bbox;
        var w = Math.max(1, Math.round(b.width));
        var h = Math.max(1, Math.round(b.height));
        var px = u.ctx.getImageData(Math.round(b.left), Math.round(b.top), w, h).data;
        var c = u.mmPrimary;
        var hits = 0;
        for (var p = 0; p < px.length; p += 8) {
          if (px[p + 3] > 200 &&
              Math.abs(px[p] - c[0]) + Math.abs(px[p + 1] - c[1]) + Math.abs(px[p + 2] - c[2]) < 60) {
            hits++;
          }
        }
        if (hits < 10) { blank.push(u.mmId); }
      } catch (e) {
        fail('canvas check ' + u.mmId, e);
      }
    });
    body.dataset.blankCanvases = String(blank.length);
    body.dataset.blankCharts = blank.join(' ');
    publish();
    body.dataset.status = 'rendered';
  }
  requestAnimationFrame(function () { setTimeout(checkCanvases, 0); });
})();
