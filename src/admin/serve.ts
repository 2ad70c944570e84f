import { existsSync } from "node:fs";
import path from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { PROJECT_ROOT } from "../paths";

/** Where `npm run admin:build` puts the admin app (git-ignored). */
export const ADMIN_BUILD_DIR = path.join(PROJECT_ROOT, "dist", "admin");

// Asset names carry their content's hash, but a rebuild may keep a name: an hour, not forever.
const ASSET_MAX_AGE_MS = 3_600_000;

/**
 * Serves the admin app at /admin (@fastify/static): its files, and index.html for every other path below
 * /admin so that the app's own routes survive a reload (SPA fallback); a missing file stays a 404, and an
 * app not built yet is a 503. The app talks to /graphql like any client.
 */
export async function serveAdmin(app: FastifyInstance, dir = ADMIN_BUILD_DIR): Promise<void> {
  await app.register(fastifyStatic, { root: dir, serve: false });
  const index = path.join(dir, "index.html");
  const answer = async (request: FastifyRequest<{ Params: { "*"?: string } }>, reply: FastifyReply) => {
    const file = request.params["*"] ?? "";
    // A missing file (a stale asset name) is a 404 (sendFile's), not the app's page.
    if (path.extname(file)) return reply.sendFile(file, { maxAge: ASSET_MAX_AGE_MS });
    if (!existsSync(index)) {
      return reply.code(503).type("text/plain").send("The admin app is not built yet: run `npm run admin:build` (npm start does it).");
    }
    return reply.header("cache-control", "no-cache").sendFile("index.html", { cacheControl: false });
  };
  app.get("/admin", answer);
  app.get("/admin/*", answer);
}
