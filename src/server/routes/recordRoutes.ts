import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { RecordKind } from '../db/schema.ts';
import type { Actor } from '../services/actor.ts';
import { createRecord, getRecord, listRecords, recordHistory, restoreRecord, updateRecord, type RecordInput, type RecordView } from '../services/records.ts';
import { ServiceError } from '../services/ServiceError.ts';
import { idParams, ifMatchHeaders } from './schemas.ts';

/** How one kind of record looks on the wire. */
export interface RecordApi {
  kind: RecordKind;
  /** e.g. /api/measurements */
  path: string;
  tag: string;
  bodySchema: object;
  /** Request body → what is stored. */
  toInput(body: unknown): RecordInput;
  /** false: created elsewhere (features: POST /api/layers/{id}/features). */
  creatable?: boolean;
  /** Stored record → response body. */
  toResponse(record: RecordView): object;
}

/** A record that is all properties, no geometry (indicator values, layers): stored as sent. */
export const dataOnlyInput = (body: unknown): RecordInput => ({ data: body as Record<string, unknown>, geometry: null });

/** Its response: the properties with the record's id, version and who changed it when. */
export const dataOnlyResponse = (record: RecordView): object => ({
  id: record.id,
  version: record.version,
  ...record.data,
  deleted: record.deleted,
  updated_at: record.updated_at,
  updated_by: record.updated_by,
});

/** The `If-Match` version: `"3"`, `W/"3"` or `3`. A write without it is refused (428). */
function ifMatchVersion(request: FastifyRequest): number {
  const header = request.headers['if-match'];
  const match = typeof header === 'string' ? /^(?:W\/)?"?(\d+)"?$/.exec(header.trim()) : null;
  if (!match) {
    throw ServiceError.of(428, 'if_match_required', 'server.http.ifMatchRequired');
  }
  return Number(match[1]);
}

export const actorOf = (request: FastifyRequest): Actor => {
  if (!request.actor) throw ServiceError.of(401, 'signed_out', 'server.http.signedOut');
  return request.actor;
};

function send(reply: FastifyReply, record: RecordView, api: RecordApi, status = 200) {
  return reply.code(status).header('etag', `"${record.version}"`).send(api.toResponse(record));
}

/** A version conflict carries the current record as this kind's clients read it, not the stored row. */
async function conflictInApiShape(api: RecordApi, write: Promise<RecordView>): Promise<RecordView> {
  try {
    return await write;
  } catch (error) {
    if (error instanceof ServiceError && error.current) {
      throw new ServiceError(error.status, error.code, error.zh, error.en, api.toResponse(error.current as RecordView));
    }
    throw error;
  }
}

/** list, create, read, change (If-Match), delete (If-Match), history and restore for one kind. */
export function registerRecordRoutes(app: FastifyInstance, api: RecordApi): void {
  const { kind, path, tag } = api;
  const db = app.database.db;
  app.get(path, { schema: { tags: [tag], summary: `List ${kind} records` } }, async (request) =>
    (await listRecords(db, actorOf(request), kind)).map((r) => api.toResponse(r)),
  );
  if (api.creatable !== false) app.post(path, { schema: { tags: [tag], summary: `Create a ${kind} record`, body: api.bodySchema } }, async (request, reply) =>
    send(reply, await createRecord(db, actorOf(request), kind, api.toInput(request.body)), api, 201),
  );
  app.get<{ Params: { id: string } }>(`${path}/:id`, { schema: { tags: [tag], params: idParams } }, async (request, reply) =>
    send(reply, await getRecord(db, actorOf(request), kind, request.params.id), api),
  );
  app.put<{ Params: { id: string } }>(
    `${path}/:id`,
    { schema: { tags: [tag], summary: `Change a ${kind} record (new version)`, params: idParams, headers: ifMatchHeaders, body: api.bodySchema } },
    async (request, reply) =>
      send(reply, await conflictInApiShape(api, updateRecord(db, actorOf(request), kind, request.params.id, ifMatchVersion(request), api.toInput(request.body))), api),
  );
  app.delete<{ Params: { id: string } }>(`${path}/:id`, { schema: { tags: [tag], params: idParams, headers: ifMatchHeaders } }, async (request, reply) =>
    send(reply, await conflictInApiShape(api, updateRecord(db, actorOf(request), kind, request.params.id, ifMatchVersion(request), { deleted: true })), api),
  );
  app.get<{ Params: { id: string } }>(`${path}/:id/history`, { schema: { tags: [tag], summary: 'Every version, oldest first', params: idParams } }, async (request) =>
    recordHistory(db, actorOf(request), kind, request.params.id),
  );
  app.post<{ Params: { id: string }; Body: { version: number } }>(
    `${path}/:id/restore`,
    {
      schema: {
        tags: [tag],
        summary: 'Restore an earlier version as a new version',
        params: idParams,
        headers: ifMatchHeaders,
        body: { type: 'object', required: ['version'], additionalProperties: false, properties: { version: { type: 'integer', minimum: 1 } } },
      },
    },
    async (request, reply) =>
      send(reply, await restoreRecord(db, actorOf(request), kind, request.params.id, ifMatchVersion(request), request.body.version), api),
  );
}
