// Multitenant organization (graph-api.md §4): PUT/GET/PATCH /tenantRelationships/multiTenantOrganization
// here; its tenants (mtoMembers.ts), the member side's joinRequest (mtoJoinRequest.ts) and the policy
// templates (mtoTemplates.ts) join it in the one route list this module exports. Asynchronous work
// (creation, joins, role changes, removals) completes on the emulator's clock after delays set through
// the admin API (GET/PUT /_emulator/settings/mto); every MTO route first settles what is due
// (mtoTransitions.ts, mtoState.ts).
//
// LIMITATIONS (known differences from Graph; UNCONFIRMED in the reference unless said otherwise):
// - A second PUT while the tenant is in (or joining) an MTO answers 409
//   Request_MultipleObjectsWithSameKeyValue by default, or 400 Request_BadRequest (admin setting
//   existingOrganizationStatus). Graph documents PUT as create only.
// - A tenant whose cloud is not 'global' gets 400 Request_BadRequest on every MTO route, templates
//   included (Graph documents them as Global-only, not the error).
// - Directory_ObjectNotFound is answered with status 404 (the reference documents the code and message,
//   not the status). Writes and single-member reads when the caller is in no MTO (or cannot see it
//   yet) answer it too; the tenant list answers an empty collection.
// - DELETE .../tenants/{id} answers 204 at once and removes asynchronously (the status is UNCONFIRMED).
// - GET /multiTenantOrganization takes Read.All or ReadWrite.All, as the reference's application
//   permission; ReadBasic.All (its delegated least privilege) is accepted on the tenant reads only.
// - Owner-only operations called by a member tenant answer 403 Authorization_RequestDenied with a
//   message naming the operation.
// - POST .../tenants before the MTO is active answers 400 (Graph says to poll until active first).
//   The 100-tenant limit answers 400. Removing or re-adding a tenant that is being removed answers 400.
// - Removal: a member may remove itself; an owner may remove others. Owners, and the original creator
//   even after demotion, cannot be removed (400) unless no other active tenant remains, which then
//   deletes the MTO (graph-api.md §4; the Graph docs also let an owner leave while another owner remains,
//   which the emulator refuses). While being removed a member shows state 'removed' with
//   transitionDetails.desiredState 'removed'. Demoting the last owner answers 400.
// - transitionDetails.status is notStarted for the first half of an operation's delay and running for
//   the second half; a completed transition is null. details is null on members and '' on joinRequest.
// - Other tenants see the MTO (GET, tenant list) once their join completes, not while pending.
// - Join failures the emulator models: not added by that owner, owner not an active owner, MTO not yet
//   active. A tenant already in (or joining) another MTO gets 400 on PATCH joinRequest rather than a
//   failed record; a failed join must be reset (addedByTenantId all zeros) before trying again (400).
//   Internal-user and tenant-count join limits are not modelled, nor is Entra's advice to wait about
//   2 hours after the MTO is created before joining (graph-api.md §4 item 5): a join right after
//   activation succeeds here, while in Entra it may fail and need resetting and asking again.
// - Completions are evaluated lazily: partner configurations (isInMultiTenantOrganization, templates)
//   change when an MTO route is next called after the clock passes the due time, not on a timer.
// - A missing partner configuration is created for each MTO pair whatever templateApplicationLevel
//   says (it carries isInMultiTenantOrganization); the template's values go to new partners only with
//   newPartners, to existing ones only with existingPartners. The sync template creates a sync policy
//   only when its userSyncInbound.isSyncAllowed is not null.
// - Service-made changes are audited with a placeholder initiator app (all-zero appId); the audit
//   category MultiTenantOrganizationManagement and its activity names are the emulator's own.
// - $filter on the tenant list is not supported yet (501 NotImplemented).
import { randomUUID } from 'node:crypto'
import { graphErrors } from '../../errors'
import { modifiedProperties } from '../audit'
import type { GraphContext, GraphRoute } from '../context'
import { entity, noContent } from '../replies'
import { checkString, fail, onlyKnownProperties, requireObject, type Body } from '../validate'
import { mtoJoinRequestRoutes } from './mtoJoinRequest'
import { mtoMemberRoutes } from './mtoMembers'
import { readMtoSettings } from './mtoSettings'
import {
  joinRequestKind,
  linkKind,
  mtoErrors,
  organizationKind,
  organizationShape,
  organizationView,
  readPermissions,
  requireGlobal,
  singleton,
  writePermissions,
  type MtoOrganization,
} from './mtoShapes'
import {
  auditChange,
  keepingSettlement,
  membershipOf,
  requireOwner,
  saveOrganization,
  settleOrganization,
} from './mtoState'
import { mtoTemplateRoutes } from './mtoTemplates'
import { after, canSee } from './mtoTransitions'

const path = '/tenantRelationships/multiTenantOrganization'

function checkBody(ctx: GraphContext, creating: boolean): Body {
  const body = requireObject(ctx.body, 'a multi-tenant organization')
  for (const name of ['id', 'state', 'createdDateTime'])
    if (body[name] !== undefined) throw mtoErrors.readOnly(name)
  onlyKnownProperties(body, ['displayName', 'description'], 'multiTenantOrganization')
  if (creating && body.displayName === undefined)
    throw graphErrors.badRequest(
      "The property 'displayName' is required when creating a multi-tenant organization.",
    )
  if (
    body.displayName !== undefined &&
    (typeof body.displayName !== 'string' || body.displayName.trim() === '')
  )
    fail('displayName', body.displayName, 'a non-empty string')
  if (body.description !== undefined) checkString(body.description, 'description', true)
  return body
}

const routes: GraphRoute[] = [
  {
    method: 'PUT',
    path,
    permissions: writePermissions,
    handle: (ctx) => {
      requireGlobal(ctx)
      const body = checkBody(ctx, true)
      if (membershipOf(ctx) !== undefined)
        throw mtoErrors.exists(readMtoSettings(ctx.allTenants).existingOrganizationStatus)
      const now = ctx.clock.now()
      const org: MtoOrganization = {
        homeTenantId: ctx.tenant.id,
        displayName: body.displayName as string,
        description: (body.description as string | null | undefined) ?? null,
        createdDateTime: now.toISOString(),
        state: 'inactive',
        activeAt: after(now, readMtoSettings(ctx.allTenants).activationSeconds),
        members: [
          {
            tenantId: ctx.tenant.id,
            displayName: ctx.tenant.displayName,
            role: 'owner',
            state: 'active',
            addedDateTime: now.toISOString(),
            addedByTenantId: ctx.tenant.id,
            joinedDateTime: null,
            isCreator: true,
            transition: null,
          },
        ],
      }
      const id = randomUUID()
      ctx.store.put(organizationKind, singleton, org)
      ctx.store.put(linkKind, singleton, { homeTenantId: ctx.tenant.id, id })
      // A failed request to join someone else's MTO no longer applies.
      ctx.store.purge(joinRequestKind, singleton)
      auditChange(
        ctx,
        'Create multi-tenant organization',
        'Add',
        ctx.tenant.id,
        modifiedProperties(undefined, { displayName: org.displayName, description: org.description }),
      )
      return entity(ctx, organizationShape, organizationView(settleOrganization(ctx, ctx.tenant.id), id), 201)
    },
  },
  {
    method: 'GET',
    path,
    permissions: readPermissions,
    query: ['$select'],
    handle: (ctx) => {
      requireGlobal(ctx)
      const membership = membershipOf(ctx)
      const visible = membership !== undefined && canSee(membership.self)
      return entity(
        ctx,
        organizationShape,
        organizationView(visible ? membership.org : undefined, membership?.link.id),
      )
    },
  },
  {
    method: 'PATCH',
    path,
    permissions: writePermissions,
    handle: (ctx) => {
      requireGlobal(ctx)
      const body = checkBody(ctx, false)
      const { org } = requireOwner(ctx, 'update the multi-tenant organization')
      saveOrganization(ctx, { ...org, ...body })
      auditChange(
        ctx,
        'Update multi-tenant organization',
        'Update',
        org.homeTenantId,
        modifiedProperties(org, body),
      )
      return noContent()
    },
  },
]

export const multiTenantOrganizationRoutes: GraphRoute[] = [
  ...[...routes, ...mtoMemberRoutes, ...mtoJoinRequestRoutes].map(keepingSettlement),
  ...mtoTemplateRoutes,
]
