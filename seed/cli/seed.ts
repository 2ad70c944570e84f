import { seedDatabase } from "../seed";
import { runImport } from "./run-import";

// `npm run db:seed`: loads the back-spasms article (again: re-runs create nothing new).
runImport("the seed article (Crippling Back Spasms)", seedDatabase);
