import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parseKinds } from '../../src/cli/commands/mask.js';
import { main } from '../../src/cli/main.js';
import { noProgress } from '../../src/cli/progress.js';
import { runCli } from '../helpers/cliHarness.js';

describe('ccsim mask', () => {
  it('R11: masks a line from stdin', async () => {
    const result = await runCli(['mask'], '+447966197542\n');
    expect(result).toEqual({ code: 0, stdout: '*********7542\n', stderr: '' });
  });

  it('R11: masks every seed example line by line', async () => {
    const input = '+ 1 (123) 456 7890\n+447966197542\nmelissa@gmail.com\n';
    const result = await runCli(['mask'], input);
    expect(result.stdout).toBe('**********7890\n*********7542\nm******@gmail.com\n');
  });

  it('keeps \\r\\n, empty lines and a missing final newline as they were', async () => {
    const input = 'a +447966197542\r\n\r\n\nno newline melissa@gmail.com';
    const result = await runCli(['mask'], input);
    expect(result.stdout).toBe('a *********7542\r\n\r\n\nno newline m******@gmail.com');
  });

  it('writes nothing for empty input', async () => {
    expect(await runCli(['mask'], '')).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('--kinds chooses the kinds to mask', async () => {
    const input = 'melissa@gmail.com +447966197542 4111 1111 1111 1111\n';
    const result = await runCli(['mask', '--kinds', 'email,phone'], input);
    expect(result.stdout).toBe('m******@gmail.com *********7542 4111 1111 1111 1111\n');
    const cards = await runCli(['mask', '--kinds', ' CARD '], input);
    expect(cards.stdout).toBe('melissa@gmail.com +447966197542 ************1111\n');
  });

  it('--json prints one object per line with the spans and never the secret', async () => {
    const input = 'call +447966197542\r\nnothing\nmelissa@gmail.com';
    const result = await runCli(['mask', '--json'], input);
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines.at(-1)).toBe('');
    expect(lines.slice(0, -1).map((l) => JSON.parse(l))).toEqual([
      { masked: 'call *********7542', spans: [{ kind: 'phone', start: 5, end: 18 }] },
      { masked: 'nothing', spans: [] },
      { masked: 'm******@gmail.com', spans: [{ kind: 'email', start: 0, end: 17 }] },
    ]);
    expect(result.stdout).not.toContain('7966197542');
    expect(result.stdout).not.toContain('melissa');
  });

  it('rejects an unknown kind as a bad flag value (CLI_USAGE, exit 2), before reading stdin', async () => {
    const result = await runCli(['mask', '--kinds', 'email,passport'], '+447966197542\n');
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      'error CLI_USAGE: unknown kind "passport" in --kinds; choose from email, iban, card, ssn, phone\n',
    );
  });

  it('rejects an empty kind list with CLI_USAGE and exit 2', async () => {
    const result = await runCli(['mask', '--kinds', ' , '], 'x\n');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error CLI_USAGE: --kinds lists no kind/);
  });

  it('ccsim mask FILE masks the file (stdin is read only without files)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ccsim-mask-'));
    try {
      const a = join(dir, 'a.txt');
      const b = join(dir, 'b.txt');
      await writeFile(a, 'call +447966197542\n');
      await writeFile(b, 'mail melissa@gmail.com\n');
      const result = await runCli(['mask', a, b], 'stdin is not read\n');
      expect(result).toEqual({
        code: 0,
        stdout: 'call *********7542\nmail m******@gmail.com\n',
        stderr: '',
      });
      const missing = await runCli(['mask', a, join(dir, 'nope.txt')]);
      expect(missing.code).toBe(1);
      expect(missing.stdout).toBe('');
      expect(missing.stderr).toMatch(
        /^error MASK_FILE_NOT_FOUND: .*nope\.txt: no such file \(mask reads the files given, or stdin\)/,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('--help names every requirement it covers, as the README does (SPEC R9-R13)', async () => {
    const result = await runCli(['mask', '--help']);
    expect(result.stdout).toContain('Masks customer-sensitive data (SPEC R9-R13)');
  });

  it('parseKinds joins repeated flags and drops duplicates', () => {
    expect(parseKinds(undefined)).toBeUndefined();
    expect(parseKinds(['email', 'phone,email'])).toEqual(['email', 'phone']);
  });

  it('streams: answers each line as it arrives, before stdin ends', async () => {
    const stdin = new PassThrough();
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    const seen: string[] = [];
    stdout.on('data', (chunk) => seen.push(String(chunk)));
    const done = main(['mask'], {
      stdin,
      stdout,
      stderr,
      env: {},
      isTTY: false,
      progress: noProgress,
    });
    const firstOutput = new Promise((resolve) => stdout.once('data', resolve));
    stdin.write('first +447966197542\nsecond par');
    await firstOutput;
    expect(seen.join('')).toBe('first *********7542\n');
    // A multi-byte character split across chunks is decoded whole.
    const euro = Buffer.from('t 4111 1111 1111 1111 €\n');
    stdin.write(euro.subarray(0, euro.length - 2));
    stdin.end(euro.subarray(euro.length - 2));
    expect(await done).toBe(0);
    expect(seen.join('')).toBe('first *********7542\nsecond part ************1111 €\n');
  });

  it('runs as the real binary: echo +447966197542 | ccsim mask', async () => {
    const child = spawn(process.execPath, ['bin/ccsim.js', 'mask'], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.stdin.end('+447966197542\n');
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect({ code, stdout, stderr }).toEqual({ code: 0, stdout: '*********7542\n', stderr: '' });
  });
});
