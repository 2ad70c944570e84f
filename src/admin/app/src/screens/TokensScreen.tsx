import { useState } from "react";
import { Button, Form } from "react-aria-components";
import { useMutation } from "urql";
import { errorFor, problemsOf, unplacedProblems, type ApiProblem } from "../api-errors";
import { ChoiceInput, ProblemList, Section, TextInput } from "../components/fields";
import { labelOf, ROLES } from "../components/labels";
import type { Role } from "../gql/graphql";
import { CreateTokenMutation, RevokeTokenMutation } from "../graphql/tokens";

interface IssuedToken {
  /** The token's global id (ApiToken.id), as revokeToken takes it. */
  id: string;
  name: string;
  role: Role;
  revoked: boolean;
}

/**
 * An admin issues tokens (each shown once) and revokes them. The API lists no tokens, so the screen
 * lists those issued here in this visit, and revokes any other by its global id (ApiToken.id).
 */
export function TokensScreen() {
  const [name, setName] = useState("");
  const [role, setRole] = useState<Role>("EDITOR");
  const [shown, setShown] = useState<{ token: string; name: string } | null>(null);
  const [issued, setIssued] = useState<IssuedToken[]>([]);
  const [problems, setProblems] = useState<ApiProblem[]>([]);
  const [revokeId, setRevokeId] = useState("");
  const [revokeProblems, setRevokeProblems] = useState<ApiProblem[]>([]);
  const [revokedMessage, setRevokedMessage] = useState("");
  const [creating, create] = useMutation(CreateTokenMutation);
  const [, revoke] = useMutation(RevokeTokenMutation);

  async function revokeToken(id: string) {
    const result = await revoke({ id });
    setRevokeProblems(problemsOf(result.error));
    if (result.data) {
      const { name: holder, role: held } = result.data.revokeToken;
      setRevokedMessage(`Revoked token ${id} (${holder}, ${labelOf(ROLES, held).toLowerCase()}).`);
      setIssued((list) => list.map((token) => (token.id === id ? { ...token, revoked: true } : token)));
    }
  }

  return (
    <>
      <h1>API tokens</h1>
      <Section title="Issue a token">
        <Form validationBehavior="aria"
          className="form"
          onSubmit={async (event) => {
            event.preventDefault();
            const result = await create({ input: { name, role } });
            setProblems(problemsOf(result.error));
            if (result.data) {
              const { token, apiToken } = result.data.createToken;
              setShown({ token, name: apiToken.name });
              setIssued((list) => [{ id: apiToken.id, name: apiToken.name, role: apiToken.role, revoked: false }, ...list]);
              setName("");
            }
          }}
        >
          <div className="grid-2">
            <TextInput label="Editor account name" value={name} onChange={setName} isRequired error={errorFor(problems, "name")} />
            <ChoiceInput label="Role" value={role} options={ROLES} onChange={setRole} error={errorFor(problems, "role")} />
          </div>
          <ProblemList problems={unplacedProblems(problems, ["name", "role"])} />
          <Button type="submit" className="button" isDisabled={creating.fetching}>Issue token</Button>
        </Form>
        {shown && (
          <div className="token-once" role="status">
            <TextInput label={`New token for ${shown.name}: copy it now, it is shown only this once`} value={shown.token} onChange={() => undefined} isReadOnly />
            <Button className="button secondary" onPress={() => navigator.clipboard?.writeText(shown.token)}>Copy token</Button>
          </div>
        )}
      </Section>
      <Section title="Tokens issued in this visit">
        {issued.length === 0 ? (
          <p className="muted">None yet.</p>
        ) : (
          <table className="table">
            <thead>
              <tr><th scope="col">Id</th><th scope="col">Account</th><th scope="col">Role</th><th scope="col">State</th></tr>
            </thead>
            <tbody>
              {issued.map((token) => (
                <tr key={token.id}>
                  <td>{token.id}</td>
                  <td>{token.name}</td>
                  <td>{labelOf(ROLES, token.role)}</td>
                  <td>
                    {token.revoked ? "revoked" : (
                      <Button className="button danger" aria-label={`Revoke token ${token.id} of ${token.name}`} onPress={() => revokeToken(token.id)}>Revoke</Button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>
      <Section title="Revoke a token by its id">
        <Form validationBehavior="aria"
          className="form toolbar"
          onSubmit={(event) => {
            event.preventDefault();
            const id = revokeId.trim();
            if (!id) return setRevokeProblems([{ message: "Paste the token's id.", field: "id" }]);
            void revokeToken(id);
          }}
        >
          <TextInput label="Token id" value={revokeId} onChange={setRevokeId} error={errorFor(revokeProblems, "id")} description="The token's global id (ApiToken.id), as createToken returns it." />
          <Button type="submit" className="button danger">Revoke</Button>
        </Form>
        <ProblemList problems={unplacedProblems(revokeProblems, ["id"])} />
        <p role="status">{revokedMessage}</p>
      </Section>
    </>
  );
}
