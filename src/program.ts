// The Pulumi program `pulumi up` runs. A stack names its topology file in config
// (`pulumi config set topology stacks/<stack>.topology.yaml`); the file is validated and planned before
// any resource is declared, so an invalid topology stops here and no request reaches Graph. A stack
// without a topology applies the engine smoke check instead: one LocalDocument, proving the chain
// (CLI, language host, dynamic provider, state) works on this machine; with `noopCount` set, it declares
// that many no-op resources instead (the baseline of the refresh benchmark, bench/topologyRefresh.ts).
import * as pulumi from '@pulumi/pulumi'
import { loadStackTopology, topologyConfigKey } from './components/stackTopology'
import { Topology } from './components/topology'
import { withLightStacks } from './components/lightStacks'
import { LocalDocument } from './smoke/localDocument'
import { declareNoops, noopCountConfigKey, noopPaddingConfigKey } from './smoke/noop'

const config = new pulumi.Config()
const topologyFile = config.get(topologyConfigKey)

function topologyProgram(file: string): Record<string, unknown> {
  const stack = loadStackTopology(file)
  for (const warning of stack.warnings) void pulumi.log.warn(warning)
  const topology = new Topology(pulumi.getStack(), { topology: stack.topology, plan: stack.plan })
  return {
    tenants: Object.keys(stack.topology.tenants),
    pairs: stack.plan.pairs.map((p) => `${p.from} -> ${p.to}`),
    resources: topology.resources.size,
  }
}

function smokeProgram(): Record<string, unknown> {
  const noopCount = config.getNumber(noopCountConfigKey)
  // Only no-op resources, so the stack manages exactly as many as the benchmark asked for.
  if (noopCount !== undefined)
    return { resources: declareNoops(noopCount, config.getNumber(noopPaddingConfigKey) ?? 0).length }
  const document = new LocalDocument('engine-check', {
    name: config.get('documentName') ?? 'engine-check',
    content: {
      project: pulumi.getProject(),
      stack: pulumi.getStack(),
      greeting: config.get('greeting') ?? 'hello from entra-topology',
    },
  })
  return { documentPath: document.path, documentContent: document.content }
}

// Both branches alike, so the refresh benchmark compares like with like.
export = withLightStacks(() => (topologyFile === undefined ? smokeProgram() : topologyProgram(topologyFile)))
