import { CommandError } from "../../src/cli/with-database";
import { formatSummary, type ImportSummary } from "../import/summary";
import { ExtractionError } from "../validate-extraction";

/**
 * Runs one import for a command, printing progress and the summary; a refused
 * extraction (which has written nothing) fails with every violation.
 */
export async function reportImport(what: string, load: () => Promise<ImportSummary>): Promise<void> {
  console.log(`Importing ${what}...`);
  const started = Date.now();
  try {
    const summary = await load();
    console.log(`${formatSummary(summary)}\nDone in ${Date.now() - started} ms.`);
  } catch (error) {
    if (error instanceof ExtractionError) throw new CommandError(`Refused ${what}; nothing was written.\n${error.message}`);
    throw error;
  }
}
