// Reading `pulumi preview --json`: the captured preview of the conglomerate's narrowed topology
// (test/fixtures/previews, made by capture.ts against the emulator with the real engine), and steps
// built by hand for the cases it does not hold.
import assert from 'node:assert/strict'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { describe, it } from 'node:test'
import { PreviewFormatError, previewSteps, unknownValue, valueAt } from './previewSteps'

const fixture = path.resolve(__dirname, '../../../test/fixtures/previews/conglomerate-narrowed.preview.json')
const digest = JSON.parse(fs.readFileSync(fixture, 'utf8')) as { steps: Record<string, unknown>[] }
const urn = (kind: string, name: string) =>
  `urn:pulumi:s::entra-topology::entra-topology:index:Topology$pulumi-nodejs:dynamic/entra-topology:${kind}::${name}`

describe('previewSteps', () => {
  const steps = previewSteps(digest, fixture)
  const byKey = new Map(steps.map((s) => [s.key, s]))

  it('names each resource by its plan key and kind, sorted, with the operation of the preview', () => {
    assert.deepEqual(
      steps.filter((s) => s.op === 'delete').map((s) => `${s.kind} ${s.key}`),
      [
        'PartnerAccess insurance/partner/shared',
        'SyncConfiguration insurance/sync/shared',
        'SyncScopeAssignment insurance/sync/shared/assign/group/shared-workspace',
        'SyncStart insurance/sync/shared/start',
        'IdentitySync shared/identitySync/insurance',
        'PartnerAccess shared/partner/insurance',
      ],
    )
    // `--json` lists the resources that change (the stack's 27 less the 12 unchanged); no stack or component.
    assert.equal(steps.length, 15)
    assert.deepEqual(byKey.get('bank/partner/shared')?.fields, [
      { path: 'inboundTrust.isMfaAccepted', kind: 'update', replaces: false, before: true, after: false },
    ])
  })

  it('reports a replacement the preview cannot rule out, of ids an update keeps, as an update with a note', () => {
    const start = byKey.get('bank/sync/shared/start')!
    assert.equal(start.op, 'update')
    assert.match(start.note!, /cannot know jobId, servicePrincipalId until bank\/sync\/shared is updated/)
    assert.deepEqual(
      start.fields.map((f) => [f.path, f.replaces, f.after]),
      [
        ['jobId', true, unknownValue],
        ['servicePrincipalId', true, unknownValue],
      ],
    )
    const assignment = byKey.get('bank/sync/shared/assign/group/shared-workspace')!
    assert.match(assignment.note!, /until bank\/group\/shared-workspace, bank\/sync\/shared are updated/)
    assert.equal(steps.filter((s) => s.op === 'replace').length, 0)
  })

  it('keeps a replacement when what the value comes from is itself replaced, or the value is known', () => {
    const config = urn('SyncConfiguration', 'a/sync/b')
    const start = {
      op: 'replace',
      urn: urn('SyncStart', 'a/sync/b/start'),
      oldState: { inputs: { jobId: 'j1' } },
      newState: { inputs: { jobId: unknownValue }, propertyDependencies: { jobId: [config] } },
      replaceReasons: ['jobId'],
      detailedDiff: { jobId: { kind: 'update-replace' } },
    }
    const replaced = previewSteps({ steps: [{ op: 'replace', urn: config }, start] }, 'x')
    assert.deepEqual(
      replaced.map((s) => s.op),
      ['replace', 'replace'],
    )
    const moved = {
      ...start,
      newState: { inputs: { tenant: 'a/00000000-0000-4000-8000-000000000002/global' } },
      oldState: { inputs: { tenant: 'a/00000000-0000-4000-8000-000000000001/global' } },
      replaceReasons: ['tenant'],
      detailedDiff: { tenant: { kind: 'update-replace' } },
    }
    const [step] = previewSteps({ steps: [moved] }, 'x')
    assert.equal(step!.op, 'replace')
    assert.deepEqual(step!.fields[0], {
      path: 'tenant',
      kind: 'update',
      replaces: true,
      before: { alias: 'a', tenantId: '00000000-0000-4000-8000-000000000001', cloud: 'global' },
      after: { alias: 'a', tenantId: '00000000-0000-4000-8000-000000000002', cloud: 'global' },
    })
  })

  it('refuses what is not a preview digest, saying how to make one', () => {
    assert.throws(
      () => previewSteps({ resources: [] }, 'preview.json'),
      (e: Error) =>
        e instanceof PreviewFormatError && /pulumi preview --json > preview\.json/.test(e.message),
    )
  })

  it('reads values at Pulumi property paths', () => {
    assert.equal(valueAt({ a: { b: [1, { c: 'x' }] } }, 'a.b[1].c'), 'x')
    assert.equal(valueAt({ a: 1 }, 'a.b'), undefined)
  })
})
