import type { CombinedError } from "urql";

/** One error the API answered with, as the screens show it. */
export interface ApiProblem {
  message: string;
  /** The API's stable extensions.code (BAD_USER_INPUT, CONFLICT, FORBIDDEN, ...). */
  code?: string;
  /** For BAD_USER_INPUT: the argument or input field at fault (e.g. "name", "quote", "objectId"). */
  field?: string;
  /** For CONFLICT: the record's version now. */
  currentVersion?: number;
}

export function problemsOf(error: CombinedError | undefined): ApiProblem[] {
  if (!error) return [];
  if (error.networkError) return [{ message: `The server could not be reached: ${error.networkError.message}` }];
  return error.graphQLErrors.map(({ message, extensions }) => ({
    message,
    code: typeof extensions?.code === "string" ? extensions.code : undefined,
    field: typeof extensions?.field === "string" ? extensions.field : undefined,
    currentVersion: typeof extensions?.currentVersion === "number" ? extensions.currentVersion : undefined,
  }));
}

/** The message for a form field, when the API named that field (its last path segment). */
export function errorFor(problems: ApiProblem[], ...fields: string[]): string | undefined {
  return problems.find((problem) => problem.field && fields.includes(problem.field.split(".").pop()!))?.message;
}

/** Problems no field shows: they go in the form's summary. */
export function unplacedProblems(problems: ApiProblem[], placed: string[]): ApiProblem[] {
  return problems.filter((problem) => !problem.field || !placed.includes(problem.field.split(".").pop()!));
}

export const isConflict = (problems: ApiProblem[]): boolean => problems.some((problem) => problem.code === "CONFLICT");
