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
          const path = malformedTextPath(request.variables ?? {}, []);
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

/** The path to the first string (or object key) in `value` that is not well-formed, or null. */
function malformedTextPath(value: unknown, path: (string | number)[]): (string | number)[] | null {
  if (typeof value === "string") return wellFormed(value) ? null : path;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = malformedTextPath(item, [...path, index]);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      if (!wellFormed(key)) return [...path, key];
      const found = malformedTextPath(item, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}
