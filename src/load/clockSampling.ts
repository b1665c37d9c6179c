import type { ClockSample } from './clockAlignment.js';
import type { DesktopClient } from './desktopClient.js';
import { LoadError, LoadErrorCode } from './loadError.js';

const PINGS = 5;

/** The server's clock by `ping` (best of five round trips). */
export async function clockSample(client: DesktopClient, now: () => number): Promise<ClockSample> {
  let best: ClockSample | null = null;
  for (let i = 0; i < PINGS; i++) {
    const sent = now();
    const reply = await client.request({ type: 'ping' });
    const got = now();
    if (reply.type !== 'ok' || typeof reply.now !== 'number') continue;
    const sample = { at: (sent + got) / 2, server: reply.now, rttMs: got - sent };
    if (best === null || sample.rttMs < best.rttMs) best = sample;
  }
  if (best === null) {
    throw new LoadError(LoadErrorCode.targetUnreachable, 'the agent desktop did not answer ping');
  }
  return best;
}

/** The server's clock from `GET /admin/agents` (`now`), when no agent socket is at hand. */
export async function adminClockSample(
  url: string,
  token: string,
  now: () => number,
): Promise<ClockSample | null> {
  const sent = now();
  const response = await fetch(new URL('/admin/agents', url), {
    headers: { authorization: `Bearer ${token}` },
  });
  const got = now();
  const json = (await response.json()) as { agents?: { now?: number }[] };
  const server = json.agents?.[0]?.now;
  return typeof server === 'number' ? { at: (sent + got) / 2, server, rttMs: got - sent } : null;
}
