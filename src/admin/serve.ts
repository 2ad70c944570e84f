import { existsSync } from "node:fs";
import path from "node:path";
import express from "express";
import { PROJECT_ROOT } from "../paths";

/** Where `npm run admin:build` puts the admin app (git-ignored). */
export const ADMIN_BUILD_DIR = path.join(PROJECT_ROOT, "dist", "admin");

/**
 * Serves the admin app at /admin: its files, and index.html for every other path below /admin so that
 * the app's own routes survive a reload (SPA fallback); a missing file stays a 404. The app talks to
 * /graphql like any client.
 */
export function serveAdmin(app: express.Express, dir = ADMIN_BUILD_DIR): void {
  const index = path.join(dir, "index.html");
  app.use("/admin", express.static(dir, { index: false, fallthrough: true, maxAge: "1h", immutable: false }));
  app.get(["/admin", "/admin/*rest"], (req, res, next) => {
    // A missing file (a stale asset name) is a 404, not the app's page.
    if (path.extname(req.path)) return next();
    if (!existsSync(index)) {
      res.status(503).type("text/plain").send("The admin app is not built yet: run `npm run admin:build` (npm start does it).");
      return;
    }
    res.set("cache-control", "no-cache").sendFile(index);
  });
}
