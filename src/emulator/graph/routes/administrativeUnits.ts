// Administrative units (graph-api.md §6.3): create (201), list, get, PATCH (204), DELETE (204, soft),
// with isMemberManagementRestricted fixed at creation and at most 100 restricted units per tenant.
// Members through $ref are in administrativeUnitMembers.ts.
//
// LIMITATIONS (UNCONFIRMED in the reference; the 400 messages are the emulator's):
// - Changing isMemberManagementRestricted on PATCH, and a 101st restricted unit, give 400 Request_BadRequest.
// - Dynamic membership (membershipType 'Dynamic', membershipRule) and scopedRoleMembers are not
//   modelled (501; roles scoped to a unit are assigned through roleManagement.ts instead); nor are directory extensions, which Graph returns by default on AUs (§7.11).
// - An unset isMemberManagementRestricted, visibility or membershipType reads back as null.
// - Deleting a restricted unit lifts its protection at once (Graph: up to 30 minutes later [D]).
// - Deleted units go to the deleted items bin (kind 'administrativeUnit'); the bin's routes are not here.
import { randomUUID } from 'node:crypto'
import { graphErrors } from '../../errors'
import { modifiedProperties, recordAudit } from '../audit'
import type { GraphContext, GraphRoute } from '../context'
import { project } from '../odata'
import { entity, noContent } from '../replies'
import {
  checkBoolean,
  checkEnum,
  checkProperties,
  checkString,
  requireObject,
  type Body,
  type Check,
} from '../validate'
import { administrativeUnitMemberRoutes } from './administrativeUnitMembers'
import {
  administrativeUnitKind,
  auProperties,
  auReadPermissions,
  auShape,
  auWritePermissions,
  maxRestrictedUnits,
  requireUnit,
  type AdministrativeUnitBody,
} from './administrativeUnitShapes'
import { directoryPage } from './directoryObjects'
import { graphTime } from './userShapes'

export { isManagementRestricted } from './administrativeUnitShapes'

const base = '/directory/administrativeUnits'
const category = 'AdministrativeUnit'

const writable: Readonly<Record<string, Check>> = {
  displayName: (value, path) => {
    checkString(value, path)
    if ((value as string).trim() === '' || (value as string).length > 256)
      throw graphErrors.badRequest(
        `Invalid value specified for property '${path}' of resource 'AdministrativeUnit'.`,
      )
  },
  description: (value, path) => checkString(value, path, true),
  visibility: (value, path) => {
    if (value !== null) checkEnum(value, path, ['Public', 'HiddenMembership'])
  },
  isMemberManagementRestricted: (value, path) => checkBoolean(value, path, true),
  membershipType: (value, path) => {
    if (value === null) return
    checkEnum(value, path, ['Assigned', 'Dynamic'])
    if (value === 'Dynamic')
      throw graphErrors.notImplemented("dynamic administrative units (membershipType 'Dynamic')")
  },
  membershipRule: (value, path) => {
    if (value !== null) throw graphErrors.notImplemented(`dynamic administrative units ('${path}')`)
  },
  membershipRuleProcessingState: (value, path) => {
    if (value !== null) throw graphErrors.notImplemented(`dynamic administrative units ('${path}')`)
  },
}

function checkBody(ctx: GraphContext, mode: 'create' | 'update'): Body {
  const body = requireObject(ctx.body, 'an administrative unit')
  for (const name of ['id', 'deletedDateTime'])
    if (body[name] !== undefined)
      throw graphErrors.badRequest(`Property '${name}' is read-only and cannot be set.`)
  checkProperties(body, writable, 'administrativeUnit')
  if (mode === 'create' && body.displayName === undefined)
    throw graphErrors.badRequest(
      "The property 'displayName' is required when creating an administrative unit.",
    )
  return body
}

/** A live unit shows deletedDateTime null even after a restore from the bin. */
const liveView = (unit: AdministrativeUnitBody): AdministrativeUnitBody => ({
  ...unit,
  deletedDateTime: null,
})

const restricted = (unit: Body): boolean => unit.isMemberManagementRestricted === true

const crudRoutes: GraphRoute[] = [
  {
    method: 'POST',
    path: base,
    permissions: auWritePermissions,
    handle: (ctx) => {
      const body = checkBody(ctx, 'create')
      if (restricted(body)) {
        const count = ctx.store
          .list<AdministrativeUnitBody>(administrativeUnitKind)
          .filter((u) => restricted(u.body)).length
        if (count >= maxRestrictedUnits)
          throw graphErrors.badRequest(
            `The tenant already has the maximum of ${maxRestrictedUnits} restricted management administrative units.`,
          )
      }
      const id = randomUUID()
      const unit: AdministrativeUnitBody = {
        id,
        deletedDateTime: null,
        displayName: body.displayName,
        description: body.description ?? null,
        visibility: body.visibility ?? null,
        isMemberManagementRestricted: body.isMemberManagementRestricted ?? null,
        membershipType: body.membershipType ?? null,
        membershipRule: null,
        membershipRuleProcessingState: null,
      }
      ctx.store.insert(administrativeUnitKind, id, unit)
      recordAudit(ctx, {
        category,
        activityDisplayName: 'Add administrative unit',
        operationType: 'Add',
        target: { id, displayName: String(unit.displayName), type: 'AdministrativeUnit' },
        modifiedProperties: modifiedProperties(undefined, {
          DisplayName: unit.displayName,
          IsMemberManagementRestricted: restricted(unit),
        }),
      })
      return entity(ctx, auShape, unit, 201)
    },
  },
  {
    method: 'GET',
    path: base,
    permissions: auReadPermissions,
    query: ['$select', '$top', '$skiptoken', '$count'],
    handle: (ctx) => {
      const select = ctx.query.select
      if (select !== undefined) project({}, select, auProperties, 'administrativeUnit')
      const units = ctx.store
        .list<AdministrativeUnitBody>(administrativeUnitKind)
        .map((stored) => stored.body)
      return directoryPage(ctx, 'directory/administrativeUnits', units, (unit) =>
        project(liveView(unit), select, auProperties, 'administrativeUnit'),
      )
    },
  },
  {
    method: 'GET',
    path: `${base}/{id}`,
    permissions: auReadPermissions,
    query: ['$select'],
    handle: (ctx) => entity(ctx, auShape, liveView(requireUnit(ctx))),
  },
  {
    method: 'PATCH',
    path: `${base}/{id}`,
    permissions: auWritePermissions,
    handle: (ctx) => {
      const unit = requireUnit(ctx)
      const body = checkBody(ctx, 'update')
      if (
        body.isMemberManagementRestricted !== undefined &&
        (body.isMemberManagementRestricted === true) !== restricted(unit)
      )
        throw graphErrors.badRequest(
          "Property 'isMemberManagementRestricted' can only be set when the administrative unit is created.",
        )
      delete body.isMemberManagementRestricted
      const updated = { ...unit, ...body }
      ctx.store.replace(administrativeUnitKind, String(unit.id), updated)
      recordAudit(ctx, {
        category,
        activityDisplayName: 'Update administrative unit',
        operationType: 'Update',
        target: { id: String(unit.id), displayName: String(updated.displayName), type: 'AdministrativeUnit' },
        modifiedProperties: modifiedProperties(unit, body),
      })
      return noContent()
    },
  },
  {
    method: 'DELETE',
    path: `${base}/{id}`,
    permissions: auWritePermissions,
    handle: (ctx) => {
      const unit = requireUnit(ctx)
      const now = ctx.clock.now()
      ctx.store.replace(administrativeUnitKind, String(unit.id), { ...unit, deletedDateTime: graphTime(now) })
      ctx.store.softDelete(administrativeUnitKind, String(unit.id), now.toISOString())
      recordAudit(ctx, {
        category,
        activityDisplayName: 'Delete administrative unit',
        operationType: 'Delete',
        target: { id: String(unit.id), displayName: String(unit.displayName), type: 'AdministrativeUnit' },
      })
      return noContent()
    },
  },
]

/** Graph has these; the emulator does not model them (strict: say so rather than 404). */
const unmodelled = (method: 'GET' | 'POST', path: string): GraphRoute => ({
  method,
  path,
  permissions: auReadPermissions,
  handle: () => {
    throw graphErrors.notImplemented(`${method} ${path}`)
  },
})
const unmodelledRoutes: GraphRoute[] = [
  unmodelled('POST', `${base}/{id}/members`),
  unmodelled('GET', `${base}/{id}/scopedRoleMembers`),
  unmodelled('POST', `${base}/{id}/scopedRoleMembers`),
]

export const administrativeUnitRoutes: GraphRoute[] = [
  ...crudRoutes,
  ...administrativeUnitMemberRoutes,
  ...unmodelledRoutes,
]
