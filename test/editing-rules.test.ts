import { characters, optionalText, passedFields, requiredText, textList } from "../src/graph/editing/validation";
import { assertChangesSomething, assertVersion, editData, effectiveState, pendingOf, sameValue, type VersionedRow } from "../src/graph/editing/versioned-record";

/*
 * The pure rules of the editing pipeline, one behaviour each, at their
 * edges (the end-to-end files reach them only through typical values).
 */

/** What `run` throws, or undefined when it returns. */
const thrownBy = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error as Error & { extensions?: { code?: string; field?: string } };
  }
};

const codeOf = (run: () => unknown) => {
  const error = thrownBy(run);
  return error ? `${error.extensions?.code} ${error.extensions?.field}` : "ok";
};

const messageOf = (run: () => unknown) => thrownBy(run)?.message;

describe("text rules of editor input", () => {
  it("counts characters as a reader does: an emoji is one", () => {
    expect(characters("")).toBe(0);
    expect(characters("ab🙂")).toBe(3);
  });

  it("requires a text: trimmed, not empty, at most max characters (max itself allowed), naming the field", () => {
    expect(requiredText("  Rest  ", "name", 4)).toBe("Rest");
    expect(requiredText("🙂🙂", "name", 2)).toBe("🙂🙂");
    expect(codeOf(() => requiredText("Rests", "name", 4))).toBe("BAD_USER_INPUT name");
    expect(codeOf(() => requiredText("   ", "name", 4))).toBe("BAD_USER_INPUT name");
    expect(codeOf(() => requiredText(null, "reason", 4))).toBe("BAD_USER_INPUT reason");
    expect(codeOf(() => requiredText(undefined, "reason", 4))).toBe("BAD_USER_INPUT reason");
  });

  it("refuses a NUL character, which PostgreSQL cannot store, naming the field", () => {
    expect(codeOf(() => requiredText("a\u0000b", "name", 10))).toBe("BAD_USER_INPUT name");
    expect(codeOf(() => optionalText("a\u0000b", "note", 10))).toBe("BAD_USER_INPUT note");
  });

  it("takes an optional text as none when empty or absent, and caps it at max characters (max itself allowed)", () => {
    expect(optionalText("  ", "note", 3)).toBeNull();
    expect(optionalText(null, "note", 3)).toBeNull();
    expect(optionalText(undefined, "note", 3)).toBeNull();
    expect(optionalText(" abc ", "note", 3)).toBe("abc");
    expect(codeOf(() => optionalText("abcd", "note", 3))).toBe("BAD_USER_INPUT note");
  });

  it("cleans a list: trimmed, no empties, no repeats, in the given order", () => {
    expect(textList([" b ", "a", "", "b", "  "], "aliases", 5)).toEqual(["b", "a"]);
  });

  it("caps each item of a list, the number of items and their total length (each limit itself allowed)", () => {
    const limits = { maxItems: 2, maxTotal: 4 };
    expect(textList(["ab", "cd"], "aliases", 2, limits)).toEqual(["ab", "cd"]);
    expect(codeOf(() => textList(["abc"], "aliases", 2))).toBe("BAD_USER_INPUT aliases");
    expect(codeOf(() => textList(["a", "b", "c"], "aliases", 2, limits))).toBe("BAD_USER_INPUT aliases");
    expect(codeOf(() => textList(["ab", "cd", "e"], "aliases", 2, { maxItems: 3, maxTotal: 4 }))).toBe("BAD_USER_INPUT aliases");
    expect(textList(["a", "b", "c"], "aliases", 2)).toEqual(["a", "b", "c"]);
  });

  it("says in each refusal what is wrong, in words an editor's page can show", () => {
    expect(messageOf(() => requiredText("a\u0000b", "name", 10))).toBe("name must not contain a NUL character.");
    expect(messageOf(() => requiredText(" ", "name", 4))).toBe("name must not be empty.");
    expect(messageOf(() => requiredText("Rests", "name", 4))).toBe("name must be at most 4 characters.");
    expect(messageOf(() => optionalText("abcd", "note", 3))).toBe("note must be at most 3 characters.");
    expect(messageOf(() => textList(["abc"], "aliases", 2))).toBe("Each of aliases must be at most 2 characters.");
    expect(messageOf(() => textList(["a", "b", "c"], "aliases", 2, { maxItems: 2, maxTotal: 4 }))).toBe("aliases may hold at most 2 entries.");
    expect(messageOf(() => textList(["ab", "cd", "e"], "aliases", 2, { maxItems: 3, maxTotal: 4 }))).toBe("aliases may hold at most 4 characters all together.");
  });

  it("keeps only the fields the caller passed: an explicit null stays (clear it), an omitted field goes", () => {
    expect(passedFields({ name: "Rest", summary: null, slug: undefined })).toEqual({ name: "Rest", summary: null });
  });
});

describe("edits of versioned records", () => {
  const row = (fields: Partial<VersionedRow> & Record<string, unknown>): VersionedRow =>
    ({ id: 1, version: 1, status: "DRAFT", pendingChanges: null, deletedAt: null, ...fields }) as VersionedRow;

  it("reads a pending edit as an object, and no pending edit (null or not an object) as an empty one", () => {
    expect(pendingOf(row({ pendingChanges: { name: "B" } }))).toEqual({ name: "B" });
    expect(pendingOf(row({ pendingChanges: null }))).toEqual({});
    expect(pendingOf(row({ pendingChanges: "name" }))).toEqual({});
  });

  it("changes a draft in place, folding in and clearing any pending edit", () => {
    expect(editData(row({ name: "A", pendingChanges: { summary: "S" } }), { name: "B" })).toEqual({ summary: "S", name: "B", pendingChanges: null });
    expect(editData(row({ status: "RETRACTED", name: "A" }), { name: "B" })).toEqual({ name: "B", pendingChanges: null });
  });

  it("keeps an edit of published content pending, and drops from it a field set back to its published value", () => {
    const published = row({ status: "PUBLISHED", name: "A", slug: "a", pendingChanges: { slug: "b" } });
    expect(editData(published, { name: "B" })).toEqual({ pendingChanges: { slug: "b", name: "B" } });
    expect(editData(published, { slug: "a" })).toEqual({ pendingChanges: null });
  });

  it("refuses a write that leaves every column as stored, and accepts one that changes any", () => {
    const current = row({ name: "A", aliases: ["x"], summary: null });
    expect(codeOf(() => assertChangesSomething(current, { name: "A", aliases: ["x"], summary: undefined }))).toBe("BAD_USER_INPUT input");
    expect(codeOf(() => assertChangesSomething(current, { name: "A", summary: "S" }))).toBe("ok");
    expect(codeOf(() => assertChangesSomething(current, { name: "A", aliases: ["x", "y"] }))).toBe("ok");
  });

  it("accepts the caller's version only when it is the record's, else CONFLICT with the current version", () => {
    expect(codeOf(() => assertVersion(row({ version: 2 }), 2))).toBe("ok");
    expect(() => assertVersion(row({ version: 3 }), 2)).toThrow(
      expect.objectContaining({ message: "The record is at version 3, not 2: reload it and retry.", extensions: { code: "CONFLICT", currentVersion: 3 } }),
    );
  });

  it("explains a write that changes nothing", () => {
    expect(() => assertChangesSomething(row({ name: "A" }), { name: "A" })).toThrow("This changes nothing: every field given already has that value.");
  });

  it("compares stored values by content: arrays in order, objects whatever their key order, dates by instant, null like absent", () => {
    expect(sameValue({ a: 1, b: { c: 2, d: 3 } }, { b: { d: 3, c: 2 }, a: 1 })).toBe(true);
    expect(sameValue({ a: 1 }, { a: 2 })).toBe(false);
    expect(sameValue(["a", "b"], ["b", "a"])).toBe(false);
    expect(sameValue(new Date("2026-01-01T00:00:00Z"), new Date("2026-01-01T00:00:00Z"))).toBe(true);
    expect(sameValue(null, undefined)).toBe(true);
    expect(sameValue("", null)).toBe(false);
  });

  it("shows the state an edit leads to: stored fields, then the pending edit, then the new changes", () => {
    const current = row({ name: "A", summary: "S", pendingChanges: { name: "B", summary: "T" } });
    expect(effectiveState(current, { summary: "U" })).toMatchObject({ name: "B", summary: "U" });
  });
});
