// partner-policy-size and partner-policy-near-limit: each tenant's cross-tenant access policy must
// stay under Graph's 25 KB object limit, or adding partners fails ("Failure to update policy due to
// object limit"). The size is an estimate (policySize.ts says what it counts): over the limit is an
// error, over 80% a warning, so the topology can be split before a real apply fails.
import { pointerOf } from '../diagnostics'
import type { ResolvedTopology } from '../model'
import { estimatePolicySizes, PARTNER_POLICY_LIMIT_BYTES } from './policySize'
import type { Rule, RuleFinding } from './rule'

export const POLICY_WARNING_RATIO = 0.8

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`

function sizeFindings(topology: ResolvedTopology, over: (bytes: number) => boolean): RuleFinding[] {
  const findings: RuleFinding[] = []
  for (const [alias, estimate] of estimatePolicySizes(topology)) {
    if (!over(estimate.bytes)) continue
    const percent = Math.round((100 * estimate.bytes) / PARTNER_POLICY_LIMIT_BYTES)
    findings.push({
      pointer: pointerOf('tenants', alias),
      atKey: true,
      message: `the cross-tenant access policy of '${alias}' would be about ${kb(estimate.bytes)} (${percent}% of the limit) with ${estimate.partners} partner configurations`,
      value: estimate.bytes,
      allowed: `at most ${PARTNER_POLICY_LIMIT_BYTES} bytes (25 KB) per tenant's policy; this estimate warns from ${POLICY_WARNING_RATIO * 100}%`,
      fix: `give '${alias}' fewer partners: a hub instead of a mesh, fewer tenants in sync.tenants or the multitenant organization, or split the topology into stacks`,
    })
  }
  return findings
}

export const partnerPolicySize: Rule = {
  id: 'partner-policy-size',
  severity: 'error',
  title: "A tenant's cross-tenant access policy would exceed Graph's 25 KB limit (estimate)",
  check: ({ topology }) => sizeFindings(topology, (bytes) => bytes > PARTNER_POLICY_LIMIT_BYTES),
}

export const partnerPolicyNearLimit: Rule = {
  id: 'partner-policy-near-limit',
  severity: 'warning',
  title: "A tenant's cross-tenant access policy would be over 80% of Graph's 25 KB limit (estimate)",
  check: ({ topology }) =>
    sizeFindings(
      topology,
      (bytes) =>
        bytes > POLICY_WARNING_RATIO * PARTNER_POLICY_LIMIT_BYTES && bytes <= PARTNER_POLICY_LIMIT_BYTES,
    ),
}
