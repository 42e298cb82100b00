// What `pulumi preview --json` says will happen to each resource of a topology stack, in the plan's
// terms: the resource's plan key (its name), kind and operation, and each changed input with its value
// before and after. Two things are read with care:
// - Tenant references reach the engine as strings (src/resources/shared/wireShape.ts); they are shown
//   decoded, so a change reads as a change of tenant id, alias or cloud.
// - A dynamic provider cannot tell the engine which outputs an update keeps, so in a preview every
//   output of an updated resource is unknown, and a resource whose `replaceOnChanges` inputs come from
//   it is planned for replacement. Graph objects keep their ids when updated (a sync configuration its
//   service principal and job, a group its id), so `up` replaces nothing there. Such a step is reported
//   as an update, with a note naming the resource whose update hides the values. It stays a
//   replacement when anything it depends on is itself replaced or created.
import { fromWire } from '../../resources/shared/wireShape'

/** The unknown value a preview puts where an input is not known yet (@pulumi/pulumi runtime/rpc). */
export const unknownValue = '04da6b54-80e4-46f7-96ec-b56ff0331ba9'

export type StepOp = 'create' | 'update' | 'replace' | 'delete' | 'same'

export interface FieldDiff {
  /** Pulumi's property path: `inboundTrust.isMfaAccepted`, `members[2]`. */
  readonly path: string
  readonly kind: 'add' | 'delete' | 'update'
  /** Whether this field alone forces a replacement. */
  readonly replaces: boolean
  readonly before?: unknown
  /** `unknownValue` when the preview cannot know it. */
  readonly after?: unknown
}

export interface ResourceStep {
  /** The resource's name: the plan key (`bank/sync/shared`, `bank/sync/shared/assign/group/x`). */
  readonly key: string
  /** Its id in the state (`<tenantId>/partners/<partnerId>`, ...); absent for a resource to create. */
  readonly id?: string
  /** The resource type's last part: SyncConfiguration, PartnerAccess, ... */
  readonly kind: string
  readonly op: StepOp
  readonly fields: readonly FieldDiff[]
  /** Why an op differs from what the engine printed (a replacement the preview cannot rule out). */
  readonly note?: string
}

interface RawStep {
  readonly op: string
  readonly urn: string
  readonly oldState?: { readonly id?: string; readonly inputs?: Record<string, unknown> }
  readonly newState?: {
    readonly inputs?: Record<string, unknown>
    readonly propertyDependencies?: Record<string, string[]>
  }
  readonly replaceReasons?: readonly string[]
  readonly detailedDiff?: Record<string, { kind: string }> | null
}

export class PreviewFormatError extends Error {
  override readonly name = 'PreviewFormatError'
}

const opOf: Readonly<Record<string, StepOp>> = {
  create: 'create',
  update: 'update',
  replace: 'replace',
  'create-replacement': 'replace',
  'delete-replaced': 'replace',
  delete: 'delete',
  same: 'same',
  refresh: 'same',
  read: 'same',
}

const nameOf = (urn: string): string => urn.slice(urn.lastIndexOf('::') + 2)
const kindOf = (urn: string): string => {
  const type = urn.split('::')[2] ?? ''
  return type.slice(type.lastIndexOf(':') + 1).replace(/^.*\$/, '')
}

/** The value at a Pulumi property path (`a.b[2]`), or undefined. */
export function valueAt(value: unknown, path: string): unknown {
  let current = value
  for (const part of path.match(/[^.[\]]+/g) ?? []) {
    if (typeof current !== 'object' || current === null) return undefined
    current = (current as Record<string, unknown>)[part]
  }
  return current
}

const diffKind = (kind: string): FieldDiff['kind'] =>
  kind.startsWith('add') ? 'add' : kind.startsWith('delete') ? 'delete' : 'update'

function fieldsOf(
  step: RawStep,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): FieldDiff[] {
  return Object.entries(step.detailedDiff ?? {})
    .filter(([path]) => path !== '__provider' && !path.startsWith('__provider'))
    .map(([path, diff]) => {
      const kind = diffKind(diff.kind)
      return {
        path,
        kind,
        replaces: diff.kind.endsWith('-replace'),
        ...(kind === 'add' ? {} : { before: valueAt(before, path) }),
        ...(kind === 'delete' ? {} : { after: valueAt(after, path) }),
      }
    })
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
}

/** A resource's step, with its inputs before and after as provider code reads them (tenant decoded). */
export interface StepWithInputs {
  readonly step: ResourceStep
  /** The state's inputs (in a refresh preview: the live values). */
  readonly before: Record<string, unknown>
  /** The program's inputs (the desired values). */
  readonly after: Record<string, unknown>
}

/** The steps of a `pulumi preview --json` digest, one per resource of the stack's Topology. */
export const previewSteps = (digest: unknown, file: string): ResourceStep[] =>
  stepsWithInputs(digest, file).map((s) => s.step)

/** previewSteps, with each resource's inputs before and after (what the drift report compares). */
export function stepsWithInputs(digest: unknown, file: string): StepWithInputs[] {
  const steps = (digest as { steps?: unknown } | null)?.steps
  if (!Array.isArray(steps))
    throw new PreviewFormatError(
      `${file} is not the output of \`pulumi preview --json\` (no "steps" array); run \`pulumi preview --json > ${file}\``,
    )
  const raw = (steps as RawStep[]).filter((s) => s.urn.includes('pulumi-nodejs:dynamic/entra-topology:'))
  // A resource can appear more than once: a refresh step then its update (`preview --refresh`), or the
  // parts of a replacement (create-replacement, delete-replaced). The step that changes most counts.
  const weight = (op: string): number =>
    ['same', 'update', 'create', 'delete', 'replace'].indexOf(opOf[op] ?? 'update')
  const byUrn = new Map<string, RawStep>()
  // The id the state holds, from whichever step has it (an object deleted by hand: its refresh step).
  const idByUrn = new Map<string, string>()
  for (const step of raw) {
    if (step.oldState?.id) idByUrn.set(step.urn, step.oldState.id)
    const seen = byUrn.get(step.urn)
    if (seen === undefined || weight(step.op) > weight(seen.op)) byUrn.set(step.urn, step)
  }
  const opByUrn = new Map([...byUrn].map(([urn, s]) => [urn, opOf[s.op] ?? 'update']))
  return [...byUrn.values()]
    .map((step): StepWithInputs => {
      const op = opOf[step.op] ?? 'update'
      const id = step.oldState?.id || idByUrn.get(step.urn)
      const before = fromWire({ ...(step.oldState?.inputs ?? {}) })
      const after = fromWire({ ...(step.newState?.inputs ?? {}) })
      const base = {
        key: nameOf(step.urn),
        ...(id === undefined || id === '' ? {} : { id }),
        kind: kindOf(step.urn),
        op,
        fields: fieldsOf(step, before, after),
      }
      const hiddenBy = op === 'replace' ? unknownSources(step, opByUrn) : undefined
      if (hiddenBy === undefined) return { step: base, before, after }
      const note = `the preview cannot know ${hiddenBy.fields.join(', ')} until ${hiddenBy.sources.join(', ')} ${hiddenBy.sources.length > 1 ? 'are' : 'is'} updated; an update keeps ${hiddenBy.sources.length > 1 ? 'their' : 'its'} ids, so this is not replaced`
      return { step: { ...base, op: 'update', note }, before, after }
    })
    .sort((a, b) => (a.step.key < b.step.key ? -1 : a.step.key > b.step.key ? 1 : 0))
}

/**
 * When every input forcing a replacement is unknown and comes only from resources that are updated in
 * place (or unchanged), the names of those inputs and resources; otherwise undefined.
 */
function unknownSources(
  step: RawStep,
  opByUrn: ReadonlyMap<string, StepOp>,
): { fields: string[]; sources: string[] } | undefined {
  const reasons = step.replaceReasons ?? []
  if (reasons.length === 0) return undefined
  const sources = new Set<string>()
  for (const field of reasons) {
    if (valueAt(step.newState?.inputs, field) !== unknownValue) return undefined
    const from = step.newState?.propertyDependencies?.[field] ?? []
    if (from.length === 0) return undefined
    for (const urn of from) {
      const op = opByUrn.get(urn) ?? 'same'
      if (op !== 'update' && op !== 'same') return undefined
      sources.add(nameOf(urn))
    }
  }
  return { fields: [...reasons].sort(), sources: [...sources].sort() }
}
