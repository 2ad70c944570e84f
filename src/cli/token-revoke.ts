import { parseArgs } from "node:util";
import { revokeToken, revokeTokensOf } from "../auth/token.service";
import { CommandError, runWithDatabase } from "./with-database";

const USAGE = "Usage: npm run token:revoke -- --name <who>   (every token of that editor)\n       npm run token:revoke -- --id <token id>";

/** `npm run token:revoke -- --name alice` or `-- --id 3`: revoked tokens are refused with UNAUTHENTICATED. */
function parse(): { name?: string; id?: number } {
  try {
    const { values } = parseArgs({ options: { name: { type: "string" }, id: { type: "string" } }, strict: true });
    if ((values.name === undefined) === (values.id === undefined)) throw new CommandError(`Give exactly one of --name and --id.\n${USAGE}`);
    if (values.id !== undefined && !/^[1-9]\d{0,9}$/.test(values.id)) throw new CommandError(`--id must be a token id such as 3.\n${USAGE}`);
    return { name: values.name, id: values.id === undefined ? undefined : Number(values.id) };
  } catch (error) {
    throw error instanceof CommandError ? error : new CommandError(`${(error as Error).message}\n${USAGE}`);
  }
}

runWithDatabase(parse, async (db, { name, id }) => {
  if (id !== undefined) {
    const token = await revokeToken(db, id);
    console.log(`Revoked token ${token.id} (${token.role}) of "${token.editor.name}".`);
    return;
  }
  const count = await revokeTokensOf(db, name!);
  console.log(count === 0 ? `"${name}" has no live tokens; nothing to revoke.` : `Revoked ${count} token(s) of "${name}".`);
});
