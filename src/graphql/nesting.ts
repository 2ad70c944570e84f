/**
 * Whether `value` nests objects and arrays more than `limit` levels deep
 * (`{}` and `[]` are one level, a scalar none). Walks level by level without
 * recursion, so a hostile value 100,000 levels deep cannot overflow the stack.
 */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  let level: unknown[] = [value];
  for (let depth = 0; ; depth++) {
    const containers = level.filter((item): item is object => item !== null && typeof item === "object");
    if (containers.length === 0) return false;
    if (depth === limit) return true;
    level = containers.flatMap((container) => Object.values(container));
  }
}
