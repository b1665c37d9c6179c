import { createHash } from 'node:crypto';

/** Agent id -> token, as a record or as `agentTokens(scenario)` gives it (a Map). */
export type AgentTokenMap = Readonly<Record<string, string>> | ReadonlyMap<string, string>;

function digest(token: string): string {
  return createHash('sha256').update(token).digest('base64');
}

/**
 * Per-agent WebSocket login tokens. Looked up by their SHA-256, so that the lookup's timing says
 * nothing about how much of a guessed token was right.
 */
export class AgentTokens {
  private readonly byDigest = new Map<string, string>();

  /** `tokens`: agent id -> token. */
  constructor(tokens: AgentTokenMap) {
    const entries = tokens instanceof Map ? [...tokens.entries()] : Object.entries(tokens);
    for (const [agentId, token] of entries) {
      if (token.length === 0) continue;
      this.byDigest.set(digest(token), agentId);
    }
  }

  /** The agent a token belongs to, or null. */
  agentFor(token: string): string | null {
    if (token.length === 0) return null;
    return this.byDigest.get(digest(token)) ?? null;
  }
}
