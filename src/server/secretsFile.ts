import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  writeSync,
} from 'node:fs';
import { ServerError, ServerErrorCode } from './errors.js';

/** A fresh random secret: 24 bytes, base64url (32 characters). */
export function generateSecret(): string {
  return randomBytes(24).toString('base64url');
}

/** The secrets `ccsim serve` generates, as its secrets file holds them (JSON, mode 0600). */
export interface StoredSecrets {
  readonly appSecret?: string;
  readonly verifyToken?: string;
  readonly adminToken?: string;
  /** Agent id -> WebSocket login token. */
  readonly agentTokens?: Readonly<Record<string, string>>;
}

export interface SecretsRequest {
  readonly path: string;
  /** Secrets given by flag or environment: used as given, never written to the file. */
  readonly given: {
    readonly appSecret?: string;
    readonly verifyToken?: string;
    readonly adminToken?: string;
  };
  /** Every agent of the tenant. */
  readonly agentIds: readonly string[];
  /** Agent tokens fixed by the scenario or the environment: used as given, never written. */
  readonly fixedAgentTokens: ReadonlyMap<string, string>;
}

export interface ResolvedSecrets {
  readonly appSecret: string;
  readonly verifyToken: string;
  readonly adminToken: string;
  readonly agentTokens: Map<string, string>;
  /** What the file holds (generated now, or on an earlier start and reused): names for a log line. */
  readonly stored: readonly string[];
}

/**
 * Reads a secrets file written by `writeSecretsFile`; null when there is none. A file that others
 * can read (any group or other permission bit) is refused: its secrets must be taken as known.
 */
export function readSecretsFile(path: string): StoredSecrets | null {
  let mode: number;
  try {
    mode = statSync(path).mode;
  } catch {
    return null;
  }
  if ((mode & 0o077) !== 0) {
    throw new ServerError(
      ServerErrorCode.secretsFileUnsafe,
      `${path} is readable by others (mode ${(mode & 0o777).toString(8)}); chmod 600 it or delete it`,
    );
  }
  try {
    const json = JSON.parse(readFileSync(path, 'utf8')) as StoredSecrets;
    if (typeof json !== 'object' || json === null || Array.isArray(json))
      throw new Error('not an object');
    return json;
  } catch (err) {
    throw new ServerError(
      ServerErrorCode.secretsFileInvalid,
      `${path} is not a secrets file (${(err as Error).message}); delete it to generate new secrets`,
    );
  }
}

/** Writes the file atomically (a 0600 temp file, fsynced, renamed over the old one). */
export function writeSecretsFile(path: string, secrets: StoredSecrets): void {
  const tmp = `${path}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, `${JSON.stringify(secrets, null, 2)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}

/**
 * The secrets a server starts with: given ones as given; the others from the secrets file of an
 * earlier start (so that a restart on the same journal keeps its app secret and tokens), else
 * generated and written to it. Nothing secret goes to stdout or a log: clients read the file.
 */
export function resolveSecrets(request: SecretsRequest): ResolvedSecrets {
  const stored = readSecretsFile(request.path) ?? {};
  const pick = (name: 'appSecret' | 'verifyToken' | 'adminToken') => {
    const given = request.given[name];
    if (given) return { value: given, store: false };
    const kept = stored[name];
    return {
      value: typeof kept === 'string' && kept !== '' ? kept : generateSecret(),
      store: true,
    };
  };
  const app = pick('appSecret');
  const verify = pick('verifyToken');
  const admin = pick('adminToken');
  const agentTokens = new Map<string, string>();
  const storedAgents: Record<string, string> = {};
  for (const agentId of request.agentIds) {
    const fixed = request.fixedAgentTokens.get(agentId);
    if (fixed !== undefined) {
      agentTokens.set(agentId, fixed);
      continue;
    }
    const kept = stored.agentTokens?.[agentId];
    const token = typeof kept === 'string' && kept !== '' ? kept : generateSecret();
    agentTokens.set(agentId, token);
    storedAgents[agentId] = token;
  }
  const file: { -readonly [K in keyof StoredSecrets]: StoredSecrets[K] } = {};
  if (app.store) file.appSecret = app.value;
  if (verify.store) file.verifyToken = verify.value;
  if (admin.store) file.adminToken = admin.value;
  if (Object.keys(storedAgents).length > 0) file.agentTokens = storedAgents;
  const names = [
    ...(app.store ? ['app secret'] : []),
    ...(verify.store ? ['verify token'] : []),
    ...(admin.store ? ['admin token'] : []),
    ...(file.agentTokens ? [`${Object.keys(storedAgents).length} agent tokens`] : []),
  ];
  if (names.length > 0) writeSecretsFile(request.path, file);
  return {
    appSecret: app.value,
    verifyToken: verify.value,
    adminToken: admin.value,
    agentTokens,
    stored: names,
  };
}
