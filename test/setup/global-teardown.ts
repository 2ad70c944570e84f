import { REUSE_EMBEDDED_DATABASE } from "./global-setup";

export default async function globalTeardown(): Promise<void> {
  if (REUSE_EMBEDDED_DATABASE) return;
  await globalThis.caregraphTestDatabase?.drop();
}
