import { createHash } from 'node:crypto';

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
  constructor(tokens: Readonly<Record<string, string>>) {
    for (const [agentId, token] of Object.entries(tokens)) {
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
