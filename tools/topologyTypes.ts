// Generates src/topology/topology.generated.ts from schemas/topology.schema.json, so the TypeScript
// types and the schema editors use cannot drift apart: `npm run generate` writes the file, and
// src/topology/generatedTypes.test.ts fails when the committed file differs from what this produces.
import * as fs from 'node:fs'
import * as path from 'node:path'
import { compile } from 'json-schema-to-typescript'
import { format, resolveConfig } from 'prettier'

const root = path.join(__dirname, '..')
export const schemaFile = path.join(root, 'schemas', 'topology.schema.json')
export const typesFile = path.join(root, 'src', 'topology', 'topology.generated.ts')

const banner = `// GENERATED from schemas/topology.schema.json by tools/topologyTypes.ts (npm run generate).
// Do not edit: change the schema and regenerate; a test fails when this file is stale.`

/** The generated module's text, formatted like the rest of the code base. */
export async function generatedTypes(): Promise<string> {
  const schema = JSON.parse(fs.readFileSync(schemaFile, 'utf8')) as Parameters<typeof compile>[0]
  const text = await compile(schema, 'Topology', {
    bannerComment: banner,
    additionalProperties: false,
    strictIndexSignatures: true,
    unreachableDefinitions: false,
    format: false,
    style: { singleQuote: true, semi: false },
  })
  const options = (await resolveConfig(typesFile)) ?? {}
  return format(text, { ...options, filepath: typesFile })
}

if (require.main === module) {
  void generatedTypes().then((text) => {
    fs.writeFileSync(typesFile, text)
    process.stdout.write(`wrote ${path.relative(root, typesFile)}\n`)
  })
}
