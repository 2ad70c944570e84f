import { runWithDatabase } from "../../src/cli/with-database";
import { seedDatabase } from "../seed";
import { reportImport } from "./report-import";

// `npm run db:seed`: loads the back-spasms article (again: re-runs create nothing new).
runWithDatabase(
  () => undefined,
  (db) => reportImport("the seed article (Crippling Back Spasms)", () => seedDatabase(db)),
);
