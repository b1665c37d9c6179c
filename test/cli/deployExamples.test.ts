import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';

/** The Kubernetes and GitHub Actions examples parse and agree with the CLI's shard rules. */
async function yamlOf(path: string) {
  const docs = parseAllDocuments(await readFile(path, 'utf8'));
  expect(
    docs.every((d) => d.errors.length === 0),
    path,
  ).toBe(true);
  return docs.map((d) => d.toJS());
}

describe('deploy examples', () => {
  it('simulate Indexed Job: shard k = JOB_COMPLETION_INDEX + 1 of as many as completions', async () => {
    const [job] = await yamlOf('deploy/k8s/simulate-indexed-job.yaml');
    expect(job.kind).toBe('Job');
    expect(job.spec.completionMode).toBe('Indexed');
    expect(job.spec.parallelism).toBe(job.spec.completions);
    const container = job.spec.template.spec.containers[0];
    const shards = container.env.find((e: { name: string }) => e.name === 'SHARDS').value;
    expect(Number(shards)).toBe(job.spec.completions);
    const script = container.args.join(' ');
    expect(script).toContain('k=$((JOB_COMPLETION_INDEX + 1))');
    expect(script).toContain('--shard "$k/$SHARDS"');
    expect(script).toContain('--out "/results/shard-$k"');
  });

  it('staff Indexed Job and merge Job use the same volume and layout', async () => {
    const [staff] = await yamlOf('deploy/k8s/staff-indexed-job.yaml');
    const [merge] = await yamlOf('deploy/k8s/merge-job.yaml');
    const [pvc] = await yamlOf('deploy/k8s/pvc.yaml');
    expect(staff.spec.completionMode).toBe('Indexed');
    expect(staff.spec.template.spec.containers[0].args.join(' ')).toContain(
      `--shard "$k/${staff.spec.completions}"`,
    );
    expect(merge.spec.template.spec.containers[0].args.join(' ')).toContain(
      'merge /results/shard-* --out /results/merged',
    );
    for (const job of [staff, merge]) {
      expect(job.spec.template.spec.volumes[0].persistentVolumeClaim.claimName).toBe(
        pvc.metadata.name,
      );
    }
  });

  it('GitHub Actions example: a shard per matrix entry, merged with the baseline gate', async () => {
    const wf = parse(await readFile('deploy/github-actions/ccsim.yml', 'utf8'));
    const shards: number[] = wf.jobs.simulate.strategy.matrix.shard;
    const run = wf.jobs.simulate.steps.map((s: { run?: string }) => s.run ?? '').join('\n');
    expect(run).toContain(`--shard \${{ matrix.shard }}/${shards.length}`);
    expect(shards).toEqual([...shards.keys()].map((i) => i + 1));
    const merge = wf.jobs.regression.steps.map((s: { run?: string }) => s.run ?? '').join('\n');
    expect(merge).toMatch(/ccsim merge shards\/shard-\* .* --baseline .* --junit /);
    const load = wf.jobs['smoke-load'].steps.map((s: { run?: string }) => s.run ?? '').join('\n');
    expect(load).toContain('ccsim loadtest scenarios/whatsapp-smoke.yaml');
  });
});
