import { parseArgs } from "node:util";
import { issueToken } from "../auth/token.service";
import { Role } from "../generated/prisma/enums";
import { CommandError, runWithDatabase } from "./with-database";

const USAGE = `Usage: npm run token:create -- --name <who> --role <${Object.values(Role).join("|")}>`;

/**
 * `npm run token:create -- --name alice --role ADMIN`: issues a token and
 * prints it once. The token alone goes to stdout (so `$(npm run -s ...)`
 * captures it), the explanation to stderr.
 */
function parse(): { name: string; role: string } {
  try {
    const { values } = parseArgs({ options: { name: { type: "string" }, role: { type: "string" } }, strict: true });
    if (!values.name || !values.role) throw new CommandError(`--name and --role are both required.\n${USAGE}`);
    return { name: values.name, role: values.role.toUpperCase() };
  } catch (error) {
    throw error instanceof CommandError ? error : new CommandError(`${(error as Error).message}\n${USAGE}`);
  }
}

runWithDatabase(parse, async (db, args) => {
  const { token, apiToken } = await issueToken(db, args);
  console.error(
    `Created token ${apiToken.id} (role ${apiToken.role}) for "${apiToken.editor.name}". It is shown only this once; send it as "Authorization: Bearer <token>":`,
  );
  console.log(token);
});
