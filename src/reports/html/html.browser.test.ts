// The HTML reports in a real browser: Debian's Chromium, headless, driven by playwright-core. Each page
// is opened from a file with every network request refused and recorded (there must be none), then
// checked: every tenant and every pair of the diagram drawn (an SVG element with a size, an arrow with
// a length), the details browsable (a folded section opens, the filter hides what does not match),
// and no script error.
import assert from 'node:assert/strict'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { chromium, type Browser, type Page } from 'playwright-core'
import { chromiumArgs, chromiumPath } from '../../../tools/browser/chromium'
import { auditFromFile } from '../drift/auditSources'
import { buildDriftReport } from '../drift/driftReport'
import { buildPlanReport, type TopologyVersion } from '../plan/planReport'
import { previewSteps } from '../plan/previewSteps'
import { planTopology } from '../../topology/plan/planner'
import { validateTopologyFile } from '../../topology/validate'
import { driftHtml, planHtml } from './page'

const root = path.resolve(__dirname, '../../..')
const fixtures = path.join(root, 'test/fixtures/previews')
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'html-report-'))
const json = (name: string): unknown => JSON.parse(fs.readFileSync(path.join(fixtures, name), 'utf8'))
function version(file: string): TopologyVersion {
  const result = validateTopologyFile(path.join(root, file))
  return { label: file, plan: planTopology(result.topology!), diagnostics: result.diagnostics }
}

let browser: Browser
before(async () => {
  browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs })
})
after(async () => {
  await browser.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

/** Opens the page from a file, refusing (and recording) any network request; fails on a script error. */
async function open(
  name: string,
  html: string,
): Promise<{ page: Page; network: string[]; errors: string[] }> {
  const file = path.join(dir, name)
  fs.writeFileSync(file, html)
  const page = await browser.newPage()
  const network: string[] = []
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  page.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())))
  await page.route('**/*', (route) => {
    const url = route.request().url()
    if (url.startsWith('file:')) return route.continue()
    network.push(url)
    return route.abort()
  })
  await page.goto(`file://${file}`)
  await page.waitForSelector('body[data-ready="true"]')
  return { page, network, errors }
}

interface Measured {
  readonly key: string | null
  readonly width: number
  readonly height: number
  /** A path's length; 0 for anything else. */
  readonly length: number
  readonly cls: string | null
}

// Browser-side code is passed as text: the project compiles without the DOM's types.
/** The drawn size of each element matching a selector, by the value of an attribute. */
const drawn = (page: Page, selector: string, attribute: string): Promise<Measured[]> =>
  page.evaluate<Measured[]>(`[...document.querySelectorAll(${JSON.stringify(selector)})].map((n) => {
    const box = n.getBBox()
    return {
      key: n.getAttribute(${JSON.stringify(attribute)}),
      width: box.width,
      height: box.height,
      length: typeof n.getTotalLength === 'function' ? n.getTotalLength() : 0,
      cls: n.getAttribute('class'),
    }
  })`)

/** The text of the first `inner` element of each shown element matching `selector`. */
const shownTexts = (page: Page, selector: string, inner: string): Promise<string[]> =>
  page.evaluate<string[]>(
    `[...document.querySelectorAll(${JSON.stringify(selector)})].filter((n) => !n.hidden).map((n) => n.querySelector(${JSON.stringify(inner)}).textContent)`,
  )

describe('the HTML reports in Chromium', () => {
  it('plan: draws every tenant and pair, and its details open and filter, with no network', async () => {
    const steps = previewSteps(json('conglomerate-narrowed.preview.json'), 'preview.json')
    const report = buildPlanReport(
      version('stacks/conglomerate.topology.yaml'),
      version('test/fixtures/previews/conglomerate-narrowed.topology.yaml'),
      steps,
    )
    const { page, network, errors } = await open('plan.html', planHtml(report))
    const tenants = await drawn(page, 'g.tenant', 'data-tenant')
    assert.deepEqual(tenants.map((t) => t.key).sort(), report.tenants.map((t) => t.alias).sort())
    assert.ok(
      tenants.every((t) => t.width > 50 && t.height > 20),
      JSON.stringify(tenants),
    )
    const edges = await drawn(page, 'path.edge', 'data-edge')
    assert.deepEqual(
      edges.map((e) => `${e.key} ${e.cls}`).sort(),
      report.edges.map((e) => `${e.from}>${e.to} edge ${e.change}`).sort(),
    )
    assert.ok(
      edges.every((e) => e.length > 20),
      JSON.stringify(edges),
    )

    const group = page.locator('details.group', { hasText: 'insurance ↔ shared' })
    assert.equal(await group.locator('table').first().isVisible(), false, 'folded at first')
    await group.locator('summary').click()
    assert.equal(await group.locator('table').first().isVisible(), true, 'open after a click')
    await page.fill('#filter', 'insurance')
    assert.deepEqual(await shownTexts(page, 'details.group', 'b'), ['insurance', 'insurance ↔ shared'])
    assert.deepEqual(network, [])
    assert.deepEqual(errors, [])
  })

  it('drift: draws the drifted tenants and pairs, and filters by severity', async () => {
    const report = await buildDriftReport(
      json('conglomerate-drift.preview.json'),
      'refresh.json',
      auditFromFile(path.join(fixtures, 'conglomerate-drift.audit.json')),
    )
    const { page, network, errors } = await open('drift.html', driftHtml(report, 'conglomerate'))
    const tenants = await drawn(page, 'g.tenant', 'data-tenant')
    assert.deepEqual(tenants.map((t) => t.key).sort(), ['bank', 'insurance', 'shared'])
    assert.ok(tenants.every((t) => t.width > 50))
    const edges = await drawn(page, 'path.edge', 'data-edge')
    assert.deepEqual(edges.map((e) => `${e.key} ${e.cls}`).sort(), [
      'shared>bank edge high',
      'shared>insurance edge high',
    ])
    assert.ok(edges.every((e) => e.length > 20))
    const rows = async () => (await shownTexts(page, 'tr[data-severity]', 'td')).length
    assert.equal(await rows(), 3)
    await page.uncheck('input[data-severity="high"]')
    assert.equal(await rows(), 1)
    assert.deepEqual(network, [])
    assert.deepEqual(errors, [])
  })
})
