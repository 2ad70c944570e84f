import type { ApolloServerPlugin } from "@apollo/server";
import { requestError } from "../errors";

/*
 * Text in variables must be well-formed Unicode. JSON may carry a lone
 * surrogate (`"\ud800"`), which JavaScript strings hold but UTF-8 cannot:
 * the database driver would silently store U+FFFD in its place. Refused
 * before execution as BAD_USER_INPUT naming the variable. (In the document
 * itself graphql-js already refuses them.)
 */
export function wellFormedText(): ApolloServerPlugin<object> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request }) {
          const path = malformedTextPath(request.variables ?? {});
          if (path) {
            const [name, ...rest] = path;
            const field = `$${name}${rest.map((key) => (typeof key === "number" ? `[${key}]` : `.${key}`)).join("")}`;
            throw requestError("BAD_USER_INPUT", `${field} is not well-formed Unicode text (it holds a lone surrogate).`, 400, { field });
          }
        },
      };
    },
  };
}

// With the u flag a proper surrogate pair is one code point; only a lone surrogate is category Cs.
const LONE_SURROGATE = /\p{Cs}/u;

const wellFormed = (text: string) => !LONE_SURROGATE.test(text);

// A path as a chain from the leaf up, so that a deep value costs no copying; spelled out only when found.
type PathLink = { key: string | number; parent: PathLink } | null;

function spelled(link: PathLink): (string | number)[] {
  const keys: (string | number)[] = [];
  for (let at = link; at; at = at.parent) keys.push(at.key);
  return keys.reverse();
}

/**
 * The path to the first string (or object key) in `value` that is not
 * well-formed, or null; depth first, in order, without recursion (variables
 * may nest deeply: admission refuses them, but its verdict does not stop this walk).
 */
function malformedTextPath(value: unknown): (string | number)[] | null {
  const pending: [unknown, PathLink][] = [[value, null]];
  while (pending.length > 0) {
    const [item, path] = pending.pop()!;
    if (typeof item === "string") {
      if (!wellFormed(item)) return spelled(path);
    } else if (Array.isArray(item)) {
      for (let index = item.length - 1; index >= 0; index--) pending.push([item[index], { key: index, parent: path }]);
    } else if (item && typeof item === "object") {
      const entries = Object.entries(item);
      for (let index = entries.length - 1; index >= 0; index--) {
        const [key, child] = entries[index];
        const link = { key, parent: path };
        // The key is checked before its value: pushed last, popped first.
        pending.push([child, link], [key, link]);
      }
    }
  }
  return null;
}
