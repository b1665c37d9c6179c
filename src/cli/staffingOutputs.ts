import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { StaffingDocument } from '../../sim/index.js';
import { formatStaffingTable, renderStaffingReport } from '../report/index.js';
import type { CliIo } from './command.js';
import { writeHtmlReport } from './reportFiles.js';

/** Writes staffing.json (into a folder prepared before the run) and the report; prints the table or the JSON. */
export async function writeStaffingOutputs(
  io: CliIo,
  result: StaffingDocument,
  out: string,
  options: { readonly json: boolean; readonly report: boolean },
): Promise<void> {
  const json = `${JSON.stringify(result, null, 2)}\n`;
  await writeFile(join(out, 'staffing.json'), json);
  if (options.json) io.stdout.write(json);
  else {
    io.stdout.write(formatStaffingTable(result));
    io.stdout.write(`wrote ${join(out, 'staffing.json')}\n`);
  }
  if (options.report) {
    const path = await writeHtmlReport(out, await renderStaffingReport(result));
    if (!options.json) io.stdout.write(`report: ${path}\n`);
  }
}
