// The example GitHub Actions workflows (examples/github-actions): valid YAML; credentials through
// workload identity federation only (an OIDC token, no stored secret anywhere); and every
// entra-topology command they run parses with the command line's own option parsers, so a renamed
// option breaks this test rather than a user's pipeline.
import assert from 'node:assert/strict'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { describe, it } from 'node:test'
import { parse } from 'yaml'
import { ParsedArgs } from '../src/cli/args'
import { driftUsage } from '../src/cli/driftCommand'
import { parsePlanArgs } from '../src/cli/planCommand'
import { parseValidateArgs } from '../src/cli/validateCommand'

const dir = path.resolve(__dirname, '../examples/github-actions')
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.yml'))

interface Workflow {
  permissions: Record<string, string>
  jobs: Record<string, { steps: { run?: string; uses?: string; with?: { script?: string } }[] }>
}

/** The entra-topology invocations of a workflow's run steps, as argument lists (expressions as placeholders). */
function invocations(workflow: Workflow): string[][] {
  return Object.values(workflow.jobs)
    .flatMap((job) => job.steps.map((s) => s.run ?? ''))
    .flatMap((run) => run.split('\n').map((line) => line.trim()))
    .filter((line) => line.startsWith('node bin/entra-topology'))
    .map((line) =>
      line
        .replace(/\$\{\{[^}]*\}\}/g, 'x')
        .replace(/"([^"]*)"/g, '$1')
        .split(/\s+/)
        .slice(2),
    )
}

describe('the example GitHub Actions workflows', () => {
  it('are there: one for pull requests, one on a schedule', () => {
    assert.deepEqual(files.sort(), ['topology-drift.yml', 'topology-plan.yml'])
  })

  for (const file of files) {
    const text = fs.readFileSync(path.join(dir, file), 'utf8')
    const workflow = parse(text) as Workflow

    it(`${file}: federated credentials only, no stored secret`, () => {
      assert.equal(workflow.permissions['id-token'], 'write')
      assert.doesNotMatch(text, /\$\{\{\s*secrets\./, 'no ${{ secrets.* }}')
      assert.match(text, /core\.getIDToken\('api:\/\/AzureADTokenExchange'\)/)
      assert.match(text, /AZURE_FEDERATED_TOKEN_FILE/)
    })

    it(`${file}: every entra-topology command parses`, () => {
      const commands = invocations(workflow)
      assert.ok(commands.length > 0)
      for (const [command, ...args] of commands) {
        if (command === 'plan') parsePlanArgs(new ParsedArgs(args, ['help', 'live']))
        else if (command === 'validate') parseValidateArgs(new ParsedArgs(args, ['help']))
        else if (command === 'drift') {
          const options = args.filter((a) => a.startsWith('--'))
          for (const option of options) assert.ok(driftUsage.includes(option), `drift has ${option}`)
        } else assert.fail(`unknown command ${command}`)
      }
    })
  }
})
