import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { CliError } from './cliError.js';

/**
 * Output places checked before any work: a run that can only fail at its end, after minutes of
 * simulation, to write its result must fail at once. The folder is made one level at a time
 * (Node's `mkdir -p` loops for ever under /proc), each existing level must be a folder, and a
 * probe file is written and removed, so a read-only mount or a full quota shows now too.
 */
export async function prepareOutputFolder(path: string, flag = 'out', given = path): Promise<void> {
  const refuse = (why: string) => new CliError('OUTPUT_NOT_WRITABLE', `--${flag} ${given}: ${why}`);
  const missing: string[] = [];
  let at = resolve(path);
  for (;;) {
    const kind = await kindOf(at);
    if (kind === 'dir') break;
    if (kind === 'other') {
      throw refuse(
        at === resolve(path) ? 'exists and is not a folder' : `${at} is a file, not a folder`,
      );
    }
    missing.unshift(at);
    const up = dirname(at);
    if (up === at) break;
    at = up;
  }
  for (const dir of missing) {
    try {
      await mkdir(dir);
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      if (e.code === 'EEXIST' && (await kindOf(dir)) === 'dir') continue;
      throw refuse(`cannot create ${dir} (${reason(e)})`);
    }
  }
  const probe = join(path, `.ccsim-write-test-${process.pid}`);
  try {
    await writeFile(probe, '');
    await rm(probe, { force: true });
  } catch (err) {
    throw refuse(`cannot write there (${reason(err as NodeJS.ErrnoException)})`);
  }
}

/** A file to write later (`--junit FILE`): its folder is prepared, and it is not a folder. */
export async function prepareOutputFile(path: string, flag: string): Promise<void> {
  if ((await kindOf(resolve(path))) === 'dir') {
    throw new CliError('OUTPUT_NOT_WRITABLE', `--${flag} ${path}: is a folder, not a file`);
  }
  await prepareOutputFolder(dirname(path), flag, path);
}

async function kindOf(path: string): Promise<'dir' | 'other' | 'none'> {
  try {
    return (await stat(path)).isDirectory() ? 'dir' : 'other';
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    // ENOTDIR: a parent is a file; the walk up finds and names it.
    if (code === 'ENOENT' || code === 'ENOTDIR') return 'none';
    throw new CliError('OUTPUT_NOT_WRITABLE', `${path}: ${reason(err as NodeJS.ErrnoException)}`);
  }
}

/** The errno in words, without Node's "ENOTDIR: ..., mkdir '...'" noise. */
function reason(err: NodeJS.ErrnoException): string {
  const words: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'not permitted',
    EROFS: 'read-only file system',
    ENOSPC: 'no space left',
    EDQUOT: 'quota exceeded',
    ENOENT: 'the system refuses to create it there',
    ENOTDIR: 'a part of the path is a file',
  };
  return (err.code && words[err.code]) ?? err.message;
}
