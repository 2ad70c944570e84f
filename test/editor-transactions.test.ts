import { authenticate } from "../src/auth/authenticate";
import type { Context } from "../src/context";
import type { Database } from "../src/db/client";
import { Prisma } from "../src/generated/prisma/client";
import { runMutation } from "../src/graph/editing/mutation";
import { createLoaders } from "../src/graph/loaders";
import { issueTokens, type Tokens } from "./support/editors";
import { connectTestDatabase, resetDatabase } from "./support/database";

/*
 * runMutation, the frame of every write: role first, one transaction, a
 * retry after a deadlock, and a unique violation that got past the checks
 * (a concurrent writer's, on PostgreSQL) answered like the check. The
 * writes here are real statements on the test database; only the
 * deadlock is thrown by hand, since one cannot be forced on the embedded
 * database.
 */
describe("the transaction of a mutation", () => {
  let db: Database;
  let tokens: Tokens;
  const contextOf = async (token: string | null): Promise<Context> => ({
    db,
    viewer: token === null ? null : await authenticate(db, `Bearer ${token}`),
    loaders: createLoaders(db),
    signal: new AbortController().signal,
  });
  const deadlock = () => new Prisma.PrismaClientKnownRequestError("deadlock detected", { code: "P2034", clientVersion: Prisma.prismaVersion.client });

  beforeAll(async () => {
    db = connectTestDatabase();
    await resetDatabase(db);
    tokens = await issueTokens(db);
  });

  afterAll(() => db.$disconnect());

  it("checks the caller's role before it runs anything: UNAUTHENTICATED or FORBIDDEN, the write never called", async () => {
    const write = jest.fn(async () => "written");
    await expect(runMutation(await contextOf(null), "EDITOR", write)).rejects.toMatchObject({ extensions: { code: "UNAUTHENTICATED" } });
    await expect(runMutation(await contextOf(tokens.editor), "REVIEWER", write)).rejects.toMatchObject({ extensions: { code: "FORBIDDEN" } });
    expect(write).not.toHaveBeenCalled();
    await expect(runMutation(await contextOf(tokens.reviewer), "EDITOR", write)).resolves.toBe("written");
  });

  it("hands the write the caller as actor, and keeps all of it or none", async () => {
    const actors: unknown[] = [];
    const failing = runMutation(await contextOf(tokens.editor), "EDITOR", async (tx, actor) => {
      actors.push(actor);
      await tx.entity.create({ data: { kind: "CONDITION", name: "Half written", slug: "half-written" } });
      throw new Error("the second statement failed");
    });
    await expect(failing).rejects.toThrow("the second statement failed");
    expect(actors).toEqual([{ editorId: expect.any(Number), name: "edna" }]);
    expect(await db.entity.count({ where: { slug: "half-written" } })).toBe(0);
  });

  it("runs the write again from the start after a deadlock or serialization failure, three times at most, and no other error", async () => {
    const ctx = await contextOf(tokens.editor);
    let attempts = 0;
    const twice = await runMutation(ctx, "EDITOR", async () => {
      if (++attempts < 3) throw deadlock();
      return attempts;
    });
    expect(twice).toBe(3);

    attempts = 0;
    await expect(runMutation(ctx, "EDITOR", async () => { attempts++; throw deadlock(); })).rejects.toMatchObject({ code: "P2034" });
    expect(attempts).toBe(3);

    attempts = 0;
    const other = new Prisma.PrismaClientKnownRequestError("foreign key", { code: "P2003", clientVersion: Prisma.prismaVersion.client });
    await expect(runMutation(ctx, "EDITOR", async () => { attempts++; throw other; })).rejects.toBe(other);
    expect(attempts).toBe(1);
  });

  it("answers a unique violation that got past the checks like the check would: BAD_USER_INPUT naming slug or objectId, other violations as they are", async () => {
    const ctx = await contextOf(tokens.editor);
    const [spasm, rest] = [
      await db.entity.create({ data: { kind: "CONDITION", name: "Spasm", slug: "spasm", importKey: "spasm" } }),
      await db.entity.create({ data: { kind: "TREATMENT", name: "Rest", slug: "rest" } }),
    ];
    const claim = { subjectId: spasm.id, predicate: "TREATED_BY", objectId: rest.id } as const;
    await db.relation.create({ data: claim });

    const sameSlug = runMutation(ctx, "EDITOR", (tx) => tx.entity.create({ data: { kind: "CONDITION", name: "Spasm again", slug: "spasm" } }));
    await expect(sameSlug).rejects.toMatchObject({ message: expect.stringMatching(/^That slug is already taken/), extensions: { code: "BAD_USER_INPUT", field: "slug" } });
    const sameClaim = runMutation(ctx, "EDITOR", (tx) => tx.relation.create({ data: claim }));
    await expect(sameClaim).rejects.toMatchObject({ message: expect.stringMatching(/^A live relation already states this/), extensions: { code: "BAD_USER_INPUT", field: "objectId" } });
    const sameImportKey = runMutation(ctx, "EDITOR", (tx) => tx.entity.create({ data: { kind: "CONDITION", name: "Other", slug: "other", importKey: "spasm" } }));
    await expect(sameImportKey).rejects.toMatchObject({ code: "P2002" });
  });
});
