import { useState } from "react";
import { Button, Form } from "react-aria-components";
import { TextInput } from "../components/fields";
import { storeToken } from "../session";

/** Sign in by pasting an API token (from `npm run token:create` or an admin); it is kept for this tab only. */
export function SignInScreen({ onSignedIn }: { onSignedIn(): void }) {
  const [token, setToken] = useState("");
  const [error, setError] = useState<string>();
  return (
    <main className="narrow" id="main">
      <h1>Caregraph admin</h1>
      <p>Sign in with your API token. It is kept in this browser tab only, and forgotten when you sign out or close the tab.</p>
      <Form validationBehavior="aria"
        className="form"
        onSubmit={(event) => {
          event.preventDefault();
          const trimmed = token.trim();
          if (!trimmed) return setError("Paste your API token.");
          storeToken(trimmed);
          onSignedIn();
        }}
      >
        <TextInput label="API token" type="password" value={token} onChange={setToken} error={error} description="Starts with cg_" />
        <Button type="submit" className="button">Sign in</Button>
      </Form>
    </main>
  );
}
