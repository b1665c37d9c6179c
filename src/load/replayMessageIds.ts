import { opaqueMessageId } from './opaqueMessageId.js';

/** A trace message as far as its ids go. */
export interface IdentifiedMessage {
  readonly arrival: number;
  readonly seq: number;
  /** The customer's wa_id (the digits of their number). */
  readonly customerId: string;
}

export interface ResolvedMessage {
  readonly arrival: number;
  readonly seq: number;
  /** The WhatsApp id the replay sent for it. */
  readonly wamid: string;
}

/**
 * A message id shaped like the Cloud API's: `wamid.` + base64 of a Thrift compact struct whose
 * first field is the sender's number and whose second names the message (real ones:
 * `wamid.HBgLMTY1MDUwNzY1MjAVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA`, the number 16505076520 in
 * base64). Here the second field is `<tag>.<arrival>.<seq>`, unique per run and message. A
 * deployment that hands WhatsApp's ids to agents hands them the customer's number, and the leak
 * check sees it, as it would with Meta's ids.
 */
export function whatsappStyleMessageId(
  waId: string,
  tag: string,
  arrival: number,
  seq: number,
): string {
  const name = Buffer.from(`${tag}.${arrival}.${seq}`, 'latin1');
  const number = Buffer.from(waId, 'latin1');
  const bytes = Buffer.concat([
    Buffer.from([0x1c, 0x18, number.length & 0x7f]),
    number,
    Buffer.from([0x15, 0x02, 0x00, 0x11, 0x18, name.length & 0x7f]),
    name,
    Buffer.from([0x00]),
  ]);
  return `wamid.${bytes.toString('base64')}`;
}

/**
 * The ids of one replay: the WhatsApp id sent for each trace message, and the way back from an id
 * an agent frame carries to the trace message. The reference deployment shows agents an opaque id
 * (`opaqueMessageId` under the app secret the replay signs with); another deployment may show
 * WhatsApp's own id: both resolve.
 */
export class ReplayMessageIds {
  private readonly sent = new Map<string, string>();
  private readonly byFrameId = new Map<string, ResolvedMessage>();

  constructor(appSecret: string, tag: string, messages: Iterable<IdentifiedMessage>) {
    for (const m of messages) {
      const wamid = whatsappStyleMessageId(m.customerId, tag, m.arrival, m.seq);
      const resolved: ResolvedMessage = { arrival: m.arrival, seq: m.seq, wamid };
      this.sent.set(`${m.arrival}.${m.seq}`, wamid);
      this.byFrameId.set(wamid, resolved);
      this.byFrameId.set(opaqueMessageId(appSecret, wamid), resolved);
    }
  }

  /** The WhatsApp id a replay sends for message `seq` of `arrival`. */
  wamid(arrival: number, seq: number): string {
    const id = this.sent.get(`${arrival}.${seq}`);
    if (id === undefined) throw new RangeError(`no trace message ${arrival}.${seq}`);
    return id;
  }

  /** The trace message behind an id seen in an agent frame; undefined for another's message. */
  resolve(frameId: string): ResolvedMessage | undefined {
    return this.byFrameId.get(frameId);
  }
}
