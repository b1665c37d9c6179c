import { build } from 'esbuild';

/**
 * A browser page's script: `main.ts` in `sourceDir`, bundled by esbuild's API with its own
 * tsconfig into one minified ES module, in memory. The agent desktop and the dashboard build
 * theirs this way at first request, so a fresh clone serves them right after `npm ci` with no
 * build step and no output that could go stale.
 */
export async function bundleBrowserScript(sourceDir: string): Promise<string> {
  const result = await build({
    entryPoints: [`${sourceDir}main.ts`],
    tsconfig: `${sourceDir}tsconfig.json`,
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}
