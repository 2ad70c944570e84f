import { defineConfig } from "prisma/config";

// Prisma 7 does not load .env and env() throws on unset variables, so the
// URL is read here with a placeholder: `prisma generate` never connects.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/caregraph" },
});
