import { type CheckFailureContext, SimCheckError } from './checks.js';

/** An error as it crosses a worker boundary: enough to rebuild it with its code and context. */
export interface SerializedError {
  readonly name: string;
  readonly message: string;
  readonly code?: string;
  readonly stack?: string;
  readonly context?: CheckFailureContext;
  readonly issues?: unknown;
}

export function serializeError(err: unknown): SerializedError {
  if (err instanceof SimCheckError) {
    return { name: err.name, message: err.message, code: err.code, context: err.context };
  }
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    return {
      name: err.name,
      message: err.message,
      ...(typeof code === 'string' ? { code } : {}),
      ...(err.stack ? { stack: err.stack } : {}),
    };
  }
  return { name: 'Error', message: String(err) };
}

/** A worker's error, rebuilt in the main thread: a SimCheckError stays one. */
export class SimWorkerError extends Error {
  readonly code: string;
  constructor(serialized: SerializedError) {
    super(serialized.message);
    this.name = serialized.name;
    this.code = serialized.code ?? 'INTERNAL';
    if (serialized.stack) this.stack = serialized.stack;
  }
}

export function deserializeError(serialized: SerializedError): Error {
  if (serialized.context !== undefined) {
    const err = new SimCheckError([], serialized.context);
    err.message = serialized.message;
    return err;
  }
  return new SimWorkerError(serialized);
}
