// Graph's error envelope and the one factory every handler throws from. Codes and messages follow
// ../shared/reference/graph-api.md §7.1; where that reference marks one UNCONFIRMED, the comment says so.

export interface ErrorDetail {
  readonly code: string
  readonly message: string
  readonly target?: string
}

export class GraphError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: readonly ErrorDetail[],
    readonly headers?: Readonly<Record<string, string>>,
  ) {
    super(message)
  }
}

export const graphErrors = {
  notFound: (id: string) =>
    new GraphError(
      404,
      'Request_ResourceNotFound',
      `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`,
    ),
  /** Graph's answer for a tenant-level object (partner, sync policy, MTO member) that is not there. Status UNCONFIRMED (404). */
  directoryObjectNotFound: () =>
    new GraphError(
      404,
      'Directory_ObjectNotFound',
      'Unable to read the company information from the directory.',
    ),
  badRequest: (message: string, details?: ErrorDetail[]) =>
    new GraphError(400, 'Request_BadRequest', message, details),
  invalidRequest: (message: string) => new GraphError(400, 'invalidRequest', message),
  unsupportedQuery: (message: string) => new GraphError(400, 'Request_UnsupportedQuery', message),
  unknownSegment: (segment: string) =>
    new GraphError(400, 'BadRequest', `Resource not found for the segment '${segment}'.`),
  methodNotAllowed: (method: string, path: string) =>
    new GraphError(405, 'Request_BadRequest', `The HTTP method '${method}' is not supported on '${path}'.`),
  /** The emulator knows Graph has this, and does not do it: refuse instead of pretending. */
  notImplemented: (what: string) =>
    new GraphError(501, 'NotImplemented', `The emulator does not support ${what}.`),
  forbidden: () =>
    new GraphError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.'),
  unauthenticated: (message: string) =>
    new GraphError(401, 'InvalidAuthenticationToken', message, undefined, {
      'WWW-Authenticate': 'Bearer realm=""',
    }),
  conflict: (property: string) =>
    new GraphError(
      409,
      'Request_MultipleObjectsWithSameKeyValue',
      `Another object with the same value for property ${property} already exists.`,
    ),
  conflictingObject: () =>
    new GraphError(
      409,
      'Request_MultipleObjectsWithSameKeyValue',
      'A conflicting object with one or more of the specified property values is present in the directory.',
      [
        {
          code: 'ConflictingObjects',
          message:
            'A conflicting object with one or more of the specified property values is present in the directory.',
        },
      ],
    ),
  /** `information` says which limit: ResourceUnitLimitExceeded or WriteLimitExceeded (graph-api.md §7.5). */
  tooManyRequests: (retryAfterSeconds: number, scope: string, information = 'ResourceUnitLimitExceeded') =>
    new GraphError(429, 'TooManyRequests', 'Please retry again later.', undefined, {
      'Retry-After': String(retryAfterSeconds),
      'x-ms-throttle-scope': scope,
      'x-ms-throttle-information': information,
    }),
  serviceUnavailable: () =>
    new GraphError(
      503,
      'serviceNotAvailable',
      'The service is temporarily unavailable. Please retry later.',
      undefined,
      {
        'Retry-After': '1',
      },
    ),
  internal: () => new GraphError(500, 'generalException', 'An internal error occurred in the emulator.'),
}

/** `innerError.date` has no time zone or fractional seconds in Graph's responses. */
function graphDate(now: Date): string {
  return now.toISOString().slice(0, 19)
}

export function errorBody(error: GraphError, requestId: string, clientRequestId: string, now: Date): unknown {
  return {
    error: {
      code: error.code,
      message: error.message,
      ...(error.details ? { details: error.details } : {}),
      innerError: { date: graphDate(now), 'request-id': requestId, 'client-request-id': clientRequestId },
    },
  }
}
