// The script inside an HTML report (page.ts): plain browser JavaScript, no library and no network. It
// reads the report's data from the page, draws the diagram as SVG (tenants on a circle, one arrow per
// pair, styled by its change or severity, each element carrying data-tenant / data-edge so a test can
// find it) and makes the details browsable: a filter box that hides the sections not matching, and,
// for drift, a severity filter. It is kept as text here because it runs in the reader's browser, not
// in Node; the browser test (html.browser.test.ts) runs it in Chromium.
export const clientScript = String.raw`
(function () {
  'use strict'
  var data = JSON.parse(document.getElementById('report-data').textContent)
  var svgNs = 'http://www.w3.org/2000/svg'
  function el(name, attrs, parent) {
    var node = document.createElementNS(svgNs, name)
    for (var key in attrs) node.setAttribute(key, String(attrs[key]))
    if (parent) parent.appendChild(node)
    return node
  }

  function drawDiagram(diagram, host) {
    var n = diagram.nodes.length
    var size = Math.max(360, 170 * Math.ceil(Math.sqrt(n)) + 200)
    var center = size / 2
    var radius = n === 1 ? 0 : size / 2 - 100
    var svg = el('svg', { viewBox: '0 0 ' + size + ' ' + size, width: size, height: size, role: 'img' }, host)
    var defs = el('defs', {}, svg)
    ;['added', 'removed', 'changed', 'kept', 'high', 'medium', 'low'].forEach(function (kind) {
      var marker = el('marker', { id: 'arrow-' + kind, viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 8, markerHeight: 8, orient: 'auto-start-reverse' }, defs)
      el('path', { d: 'M 0 0 L 10 5 L 0 10 z', class: 'arrowhead ' + kind }, marker)
    })
    var at = {}
    diagram.nodes.forEach(function (node, i) {
      var angle = (2 * Math.PI * i) / n - Math.PI / 2
      at[node.id] = { x: center + radius * Math.cos(angle), y: center + radius * Math.sin(angle) }
    })
    var edges = el('g', { class: 'edges' }, svg)
    diagram.edges.forEach(function (edge) {
      var a = at[edge.from]
      var b = at[edge.to]
      if (!a || !b) return
      // Two pairs between the same tenants (both directions) bend apart.
      var dx = b.x - a.x
      var dy = b.y - a.y
      var length = Math.sqrt(dx * dx + dy * dy) || 1
      var nx = -dy / length
      var ny = dx / length
      var bend = 28
      // Start and end where the line leaves and meets the boxes (half 80 x 26, plus a margin).
      var trim = Math.min(88 / Math.max(Math.abs(dx), 1e-6), 34 / Math.max(Math.abs(dy), 1e-6), 0.45)
      var sx = a.x + dx * trim
      var sy = a.y + dy * trim
      var ex = b.x - dx * trim
      var ey = b.y - dy * trim
      var cx = (sx + ex) / 2 + nx * bend
      var cy = (sy + ey) / 2 + ny * bend
      var path = el('path', {
        d: 'M ' + sx + ' ' + sy + ' Q ' + cx + ' ' + cy + ' ' + ex + ' ' + ey,
        class: 'edge ' + edge.style,
        'marker-end': 'url(#arrow-' + edge.style + ')',
        'data-edge': edge.from + '>' + edge.to,
      }, edges)
      el('title', {}, path).textContent = edge.from + ' → ' + edge.to + ': ' + edge.label
      var label = el('text', { x: cx, y: cy, class: 'edge-label ' + edge.style, 'text-anchor': 'middle' }, edges)
      label.textContent = edge.label
    })
    var nodes = el('g', { class: 'nodes' }, svg)
    diagram.nodes.forEach(function (node) {
      var p = at[node.id]
      var g = el('g', { class: 'tenant ' + node.style, 'data-tenant': node.id, transform: 'translate(' + p.x + ' ' + p.y + ')' }, nodes)
      el('rect', { x: -80, y: -26, width: 160, height: 52, rx: 8 }, g)
      var name = el('text', { y: -4, 'text-anchor': 'middle', class: 'name' }, g)
      name.textContent = node.label.length > 24 ? node.label.slice(0, 23) + '…' : node.label
      var alias = el('text', { y: 14, 'text-anchor': 'middle', class: 'alias' }, g)
      alias.textContent = node.id + (node.note ? ' (' + node.note + ')' : '')
      el('title', {}, g).textContent = node.label
    })
  }

  function filterSections(input) {
    var words = input.value.toLowerCase().split(/\s+/).filter(Boolean)
    var shown = 0
    document.querySelectorAll('[data-filter]').forEach(function (section) {
      var text = section.getAttribute('data-filter')
      var match = words.every(function (w) { return text.indexOf(w) >= 0 })
      section.hidden = !match
      if (match) shown++
    })
    document.getElementById('filter-count').textContent = shown + ' shown'
  }

  drawDiagram(data.diagram, document.getElementById('diagram'))
  var filter = document.getElementById('filter')
  if (filter) {
    filter.addEventListener('input', function () { filterSections(filter) })
    filterSections(filter)
  }
  document.querySelectorAll('input[data-severity]').forEach(function (box) {
    box.addEventListener('change', function () {
      var severity = box.getAttribute('data-severity')
      document.querySelectorAll('tr[data-severity="' + severity + '"]').forEach(function (row) {
        row.hidden = !box.checked
      })
    })
  })
  document.body.setAttribute('data-ready', 'true')
})()
`
