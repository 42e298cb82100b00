// Invited B2B users, per host tenant. An invitation whose homeTenant has a partner entry in the host
// (a synced pair, or a cross-cloud pair) waits for the partner entries on both sides: redemption needs
// the host to trust the home tenant and, across clouds, the home tenant to allow the host's cloud and
// know the host as a partner (graph-api.md §7.10).
import type { PlanContext } from './context'
import { keys, sortedUnique } from './keys'

export function planInvitations(context: PlanContext): void {
  const { objects, topology } = context
  for (const [host, list] of Object.entries(topology.invitations)) {
    if (context.tenant(host, `/invitations/${host}`) === undefined) continue
    for (const invitation of list) {
      const home = invitation.homeTenant
      const dependsOn =
        home === null
          ? []
          : [keys.partner(host, home), keys.partner(home, host)].filter((key) => objects.has(key))
      const key = keys.invitation(host, invitation.email)
      if (objects.has(key)) {
        context.problem(`/invitations/${host}/${invitation.index}: ${invitation.email} is invited twice`)
        continue
      }
      context.add(key, {
        kind: 'invitation',
        tenant: host,
        dependsOn: sortedUnique(dependsOn),
        invitedUserEmailAddress: invitation.email,
        invitedUserDisplayName: invitation.displayName,
        invitedUserType: invitation.userType,
        sendInvitationMessage: invitation.sendInvitationMessage,
        homeTenant: home,
        showInAddressList: invitation.showInAddressList,
        attributes: invitation.attributes,
      })
    }
  }
}
