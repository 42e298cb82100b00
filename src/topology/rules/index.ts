// The one table of semantic rules (guardrails), in the order they run. Each rule lives in its own
// module with its test beside it; README "The topology file" lists them.
import type { Rule } from './rule'
import { unknownTenant } from './unknownTenant'

export const rules: readonly Rule[] = [
  unknownTenant,
  // (each rule adds one line here)
]
