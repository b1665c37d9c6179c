import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareOutputFile, prepareOutputFolder } from '../../src/cli/outputFolder.js';

/** Issue 14 item 1: the output folder is made and probed before any work, with a coded message. */
describe('prepareOutputFolder', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ccsim-out-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('makes missing levels one at a time and leaves no probe behind', async () => {
    const deep = join(dir, 'a', 'b', 'c');
    await prepareOutputFolder(deep);
    expect(await readdir(deep)).toEqual([]);
    await prepareOutputFolder(deep);
  });

  it('names a file in the way, not a raw errno', async () => {
    const file = join(dir, 'file.txt');
    await writeFile(file, 'x');
    await expect(prepareOutputFolder(join(file, 'x'))).rejects.toThrow(
      expect.objectContaining({
        code: 'OUTPUT_NOT_WRITABLE',
        message: `--out ${join(file, 'x')}: ${file} is a file, not a folder`,
      }),
    );
    await expect(prepareOutputFolder(file)).rejects.toThrow(/exists and is not a folder/);
  });

  it('refuses /proc/nope at once instead of looping (Node mkdir -p does not return there)', async () => {
    await expect(prepareOutputFolder('/proc/nope/deeper')).rejects.toThrow(
      expect.objectContaining({
        code: 'OUTPUT_NOT_WRITABLE',
        message: expect.stringMatching(/^--out \/proc\/nope\/deeper: cannot create \/proc\/nope/),
      }),
    );
  });

  it('a file to write later must not be a folder; its folder is prepared', async () => {
    const folder = join(dir, 'folder');
    await mkdir(folder);
    await expect(prepareOutputFile(folder, 'junit')).rejects.toThrow(
      /--junit .*: is a folder, not a file/,
    );
    await prepareOutputFile(join(dir, 'new', 'junit.xml'), 'junit');
    expect(await readdir(join(dir, 'new'))).toEqual([]);
  });
});
