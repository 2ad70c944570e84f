import { existsSync } from "node:fs";
import path from "node:path";

/** The project's root folder, whether running from `src/` (ts-jest) or `dist/src/` (tsc output). */
function findProjectRoot(start: string): string {
  let dir = start;
  while (!existsSync(path.join(dir, "package.json"))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`No package.json above ${start}`);
    dir = parent;
  }
  return dir;
}

export const PROJECT_ROOT = findProjectRoot(__dirname);
