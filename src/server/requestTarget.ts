import { ServerError, ServerErrorCode } from './errors.js';

/** The parts of an HTTP request target the endpoints read. */
export interface RequestTarget {
  readonly pathname: string;
  readonly searchParams: URLSearchParams;
}

/** Any origin stands in for the host: the server routes on the path alone. */
const ORIGIN = 'http://ccsim.invalid';

function invalidTarget(target: string): ServerError {
  return new ServerError(
    ServerErrorCode.invalidRequestTarget,
    `request target ${JSON.stringify(target.slice(0, 128))} is not a path or an http(s) URL`,
  );
}

/**
 * Reads a request line's target: origin-form (`/path?query`, RFC 9112 3.2.1) or absolute-form
 * (`http://host/path`). `new URL(target, base)` alone throws on targets Node's parser lets
 * through (`//`, `http://[::1/`, `http://x:99999/`): each of those is a 400, never a 500.
 */
export function parseRequestTarget(target: string | undefined): RequestTarget {
  const raw = target ?? '/';
  let url: URL;
  try {
    // Prefixing the origin keeps `//x` a path; as a reference, it would name a host.
    url = raw.startsWith('/') ? new URL(ORIGIN + raw) : new URL(raw);
  } catch {
    throw invalidTarget(raw);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw invalidTarget(raw);
  return { pathname: url.pathname, searchParams: url.searchParams };
}

/** A percent-encoded path segment, decoded; a malformed escape (`%`, `%zz`) is a 400. */
export function decodePathSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new ServerError(
      ServerErrorCode.invalidRequestTarget,
      `path segment ${JSON.stringify(segment.slice(0, 128))} has a malformed percent-escape`,
    );
  }
}
