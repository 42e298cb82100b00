// $filter support on /groups (Graph's property table for groups, simplified): the forms a topology
// needs to find its scoping groups (displayName eq, mailNickname eq) and the usual ones besides.
import type { FilterFields, FilterOperator } from '../filter'

const text: readonly FilterOperator[] = ['eq', 'ne', 'not', 'in', 'ge', 'le', 'startsWith', 'null']
const plainText = { type: 'string', operators: text, advanced: ['null'] } as const
const flag = { type: 'boolean', operators: ['eq', 'ne', 'not', 'in'] } as const

export const groupFilterFields: FilterFields = {
  id: { type: 'guid', operators: ['eq', 'ne', 'not', 'in'] },
  displayName: plainText,
  description: { type: 'string', operators: text, advanced: text },
  mail: { type: 'string', operators: [...text, 'endsWith'], advanced: ['null'] },
  mailNickname: plainText,
  mailEnabled: flag,
  securityEnabled: flag,
  isAssignableToRole: flag,
  createdDateTime: { type: 'datetime', operators: ['eq', 'ne', 'not', 'ge', 'le', 'in'], advanced: ['in'] },
  groupTypes: { type: 'stringCollection', operators: ['eq'] },
}
