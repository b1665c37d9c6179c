import type { AgentStateRecord, ConversationRecord } from '../core/index.js';
import { ABANDON_PATH, abandonOutcome } from './abandonReplayer.js';
import { LoadError, LoadErrorCode } from './loadError.js';

/** An open conversation as `GET /admin/conversations?messages=true` lists it (fields read here). */
export interface OpenConversation {
  readonly conversationId: string;
  readonly assetId: string;
  readonly status: string;
  readonly customer: { readonly id: string };
  readonly arrivedAt: number;
  readonly messages?: readonly { readonly from: string; readonly messageId: string | null }[];
}

const PAGE = 10_000;

/**
 * The deployment's admin API (docs/protocol.md), bearer token in hand: asset deletions during
 * the run, then finished records, agent states and open conversations for the checks.
 */
export class AdminClient {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
    private readonly timeoutMs = 30_000,
  ) {}

  private async call(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; text: string; json: unknown }> {
    let response: Response;
    try {
      response = await fetch(new URL(path, this.baseUrl), {
        method,
        headers: {
          authorization: `Bearer ${this.token}`,
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      const cause = (err as { cause?: { code?: string } }).cause;
      throw new LoadError(
        LoadErrorCode.targetUnreachable,
        `admin API ${path}: ${cause?.code ?? (err as Error).message}`,
      );
    }
    const text = await response.text();
    let json: unknown = null;
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
    return { status: response.status, text, json };
  }

  private async get<T>(path: string): Promise<T> {
    const { status, json } = await this.call('GET', path);
    if (status !== 200) {
      const code = (json as { error?: { code?: string } } | null)?.error?.code ?? `HTTP_${status}`;
      throw new LoadError(LoadErrorCode.targetUnreachable, `admin API ${path}: ${status} ${code}`);
    }
    return json as T;
  }

  /** Checks the token: resolves when the admin API answers 200. */
  async check(): Promise<void> {
    await this.get('/admin/agents');
  }

  /** `DELETE /admin/assets/{id}`: the error code when refused, else null. */
  async deleteAsset(assetId: string): Promise<string | null> {
    const { status, json } = await this.call(
      'DELETE',
      `/admin/assets/${encodeURIComponent(assetId)}`,
    );
    if (status === 200) return null;
    return (json as { error?: { code?: string } } | null)?.error?.code ?? `HTTP_${status}`;
  }

  /**
   * Does the deployment have the load-test extension `POST /admin/customers/abandon`? Asked
   * once, for a customer nobody is (wa_id 0): a deployment with it answers that there is no open
   * conversation (and changes nothing), one without it 404 `NOT_FOUND` or 405. Null: it has;
   * otherwise why not.
   */
  async probeAbandon(assetId: string): Promise<string | null> {
    const { status, text } = await this.call('POST', ABANDON_PATH, { assetId, customerId: '0' });
    const outcome = abandonOutcome({ status, body: text });
    if (outcome.kind !== 'failed') return null;
    return `the target answered ${ABANDON_PATH} with ${status} ${outcome.code}`;
  }

  async records(): Promise<ConversationRecord[]> {
    const out: ConversationRecord[] = [];
    for (let offset = 0; ; offset += PAGE) {
      const page = await this.get<{ records: ConversationRecord[] }>(
        `/admin/records?offset=${offset}&limit=${PAGE}`,
      );
      out.push(...page.records);
      if (page.records.length < PAGE) return out;
    }
  }

  async agentStates(): Promise<AgentStateRecord[]> {
    const out: AgentStateRecord[] = [];
    for (let offset = 0; ; offset += PAGE) {
      const page = await this.get<{ states: AgentStateRecord[] }>(
        `/admin/agent-states?offset=${offset}&limit=${PAGE}`,
      );
      out.push(...page.states);
      if (page.states.length < PAGE) return out;
    }
  }

  async openConversations(): Promise<OpenConversation[]> {
    const page = await this.get<{ conversations: OpenConversation[] }>(
      '/admin/conversations?messages=true',
    );
    return page.conversations;
  }
}
