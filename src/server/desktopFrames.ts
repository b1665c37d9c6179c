import { z } from 'zod';
import type { Command } from '../core/index.js';
import { ServerError, ServerErrorCode } from './errors.js';

/**
 * The agent desktop protocol's request frames (client to server). Each is a JSON object with a
 * `type` and an optional `id` that the reply echoes. The acting agent is the authenticated one:
 * frames carry no agent id (a frame that names another agent is refused).
 */

const frameId = z.union([z.string().max(128), z.number().finite()]).optional();
const name = z.string().min(1).max(256);
const search = z.string().max(256).optional();
const target = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('queue'), queueId: name }),
  z.object({ kind: z.literal('agent'), agentId: name }),
]);
const conversation = { conversationId: name };

export const requestSchemas = {
  auth: z.object({ token: z.string().max(1024) }),
  setState: z.object({
    status: z.enum(['Available', 'Idle', 'LoggedOut']),
    idleCode: name.optional(),
  }),
  accept: z.object(conversation),
  send: z.object({ ...conversation, text: z.string() }),
  transfer: z.object({ ...conversation, target }),
  conference: z.object({ ...conversation, target }),
  leaveConference: z.object(conversation),
  endConference: z.object(conversation),
  end: z.object(conversation),
  wrapUp: z.object({ ...conversation, reasonId: name }),
  queues: z.object({ search }),
  agents: z.object({ search }),
  wrapUpReasons: z.object({ search }),
  idleCodes: z.object({}),
  desktop: z.object({}),
  history: z.object({
    ...conversation,
    beforeSeq: z.number().int().positive().optional(),
    limit: z.number().int().min(1).max(200).optional(),
  }),
  ping: z.object({}),
} as const;

export type RequestType = keyof typeof requestSchemas;
export type RequestOf<T extends RequestType> = z.infer<(typeof requestSchemas)[T]>;

export type FrameId = string | number | null;

export interface ParsedFrame {
  readonly id: FrameId;
  readonly type: RequestType;
  readonly body: Record<string, unknown>;
}

/** Reads the `id` of any object frame, so that an error about it can still echo it. */
export function frameIdOf(json: unknown): FrameId {
  if (typeof json !== 'object' || json === null) return null;
  const parsed = frameId.safeParse((json as { id?: unknown }).id);
  return parsed.success ? (parsed.data ?? null) : null;
}

/**
 * Validates one request frame. Unknown fields are ignored; `agentId`, when present, must be the
 * authenticated agent (an agent may only act as itself).
 */
export function parseFrame(json: unknown, agentId: string | null): ParsedFrame {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new ServerError(ServerErrorCode.wsInvalidFrame, 'a frame is a JSON object');
  }
  const record = json as Record<string, unknown>;
  const idResult = frameId.safeParse(record.id);
  if (!idResult.success) {
    throw new ServerError(
      ServerErrorCode.wsInvalidFrame,
      '"id" must be a string (<= 128 chars) or a finite number',
    );
  }
  const type = record.type;
  if (typeof type !== 'string') {
    throw new ServerError(ServerErrorCode.wsInvalidFrame, 'a frame needs a string "type"');
  }
  if (!Object.hasOwn(requestSchemas, type)) {
    throw new ServerError(
      ServerErrorCode.wsUnknownType,
      `unknown frame type ${JSON.stringify(type.slice(0, 64))}`,
    );
  }
  if (agentId !== null && record.agentId !== undefined && record.agentId !== agentId) {
    throw new ServerError(
      ServerErrorCode.wsAgentMismatch,
      `this connection is authenticated as "${agentId}"; an agent may only act as itself`,
    );
  }
  const parsed = requestSchemas[type as RequestType].safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ServerError(
      ServerErrorCode.wsInvalidFrame,
      `${type}: ${issue?.path.length ? `${issue.path.join('.')}: ` : ''}${issue?.message ?? 'invalid'}`,
    );
  }
  return {
    id: idResult.data ?? null,
    type: type as RequestType,
    body: parsed.data as Record<string, unknown>,
  };
}

/** The router command a request frame stands for, or null for queries. */
export function toCommand(frame: ParsedFrame, agentId: string): Command | null {
  const b = frame.body as Record<string, string>;
  const conversationId = b.conversationId!;
  switch (frame.type) {
    case 'setState': {
      const body = frame.body as RequestOf<'setState'>;
      return body.idleCode === undefined
        ? { type: 'agent.setState', agentId, status: body.status }
        : { type: 'agent.setState', agentId, status: body.status, idleCode: body.idleCode };
    }
    case 'accept':
      return { type: 'agent.accept', agentId, conversationId };
    case 'send':
      return { type: 'agent.send', agentId, conversationId, text: b.text! };
    case 'transfer':
    case 'conference': {
      const body = frame.body as RequestOf<'transfer'>;
      const t =
        body.target.kind === 'queue'
          ? { kind: 'queue' as const, queueId: body.target.queueId }
          : { kind: 'agent' as const, agentId: body.target.agentId };
      return frame.type === 'transfer'
        ? { type: 'agent.transfer', agentId, conversationId, target: t }
        : { type: 'agent.conference', agentId, conversationId, target: t };
    }
    case 'leaveConference':
      return { type: 'agent.leaveConference', agentId, conversationId };
    case 'endConference':
      return { type: 'agent.endConference', agentId, conversationId };
    case 'end':
      return { type: 'agent.end', agentId, conversationId };
    case 'wrapUp':
      return { type: 'agent.wrapUp', agentId, conversationId, reasonId: b.reasonId! };
    default:
      return null;
  }
}
