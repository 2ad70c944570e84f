import { useMemo, useState } from "react";
import { Button } from "react-aria-components";
import { NavLink, Route, Routes } from "react-router";
import { Provider, useQuery } from "urql";
import { problemsOf } from "./api-errors";
import { Loading, ProblemList } from "./components/fields";
import { ViewerQuery } from "./graphql/viewer";
import { EntitiesScreen } from "./screens/EntitiesScreen";
import { EntityScreen } from "./screens/EntityScreen";
import { HistoryScreen } from "./screens/HistoryScreen";
import { NewEntityScreen } from "./screens/NewEntityScreen";
import { ReviewScreen } from "./screens/ReviewScreen";
import { SignInScreen } from "./screens/SignInScreen";
import { TokensScreen } from "./screens/TokensScreen";
import { createApiClient, forgetToken, readToken } from "./session";
import { mayAct, ViewerContext } from "./viewer";

export function App() {
  const [token, setToken] = useState(readToken);
  // A new client per sign-in, so nothing of one account's answers reaches the next.
  const client = useMemo(() => createApiClient(), [token]);
  return (
    <Provider value={client}>
      {token ? (
        <SignedIn
          onSignOut={() => {
            forgetToken();
            setToken(null);
          }}
        />
      ) : (
        <SignInScreen onSignedIn={() => setToken(readToken())} />
      )}
    </Provider>
  );
}

function SignedIn({ onSignOut }: { onSignOut(): void }) {
  const [{ data, fetching, error }] = useQuery({ query: ViewerQuery });
  const viewer = data?.viewer;
  if (fetching) return <Loading what="your account" />;
  if (!viewer) {
    return (
      <main className="narrow">
        <h1>Caregraph admin</h1>
        <ProblemList problems={error ? problemsOf(error) : [{ message: "This token does not sign anyone in." }]} />
        <Button className="button" onPress={onSignOut}>Sign in again</Button>
      </main>
    );
  }
  return (
    <ViewerContext.Provider value={viewer}>
      <a className="skip-link" href="#main">Skip to content</a>
      <header className="top">
        <span className="brand">Caregraph admin</span>
        <nav aria-label="Main">
          <NavLink to="/">Entities</NavLink>
          <NavLink to="/new">New entity</NavLink>
          {mayAct(viewer, "REVIEWER") && <NavLink to="/review">Review queue</NavLink>}
          {mayAct(viewer, "ADMIN") && <NavLink to="/tokens">Tokens</NavLink>}
        </nav>
        <span className="who" aria-label="Signed in as">
          {viewer.name} <span className="role">{viewer.role.toLowerCase()}</span>
        </span>
        <Button className="button secondary" onPress={onSignOut}>Sign out</Button>
      </header>
      <main id="main" tabIndex={-1}>
        <Routes>
          <Route path="/" element={<EntitiesScreen />} />
          <Route path="/new" element={<NewEntityScreen />} />
          <Route path="/entities/:id" element={<EntityScreen />} />
          <Route path="/history/:id" element={<HistoryScreen />} />
          <Route path="/review" element={<ReviewScreen />} />
          <Route path="/tokens" element={<TokensScreen />} />
          <Route path="*" element={<p>There is no such page. <NavLink to="/">Back to the entities</NavLink>.</p>} />
        </Routes>
      </main>
    </ViewerContext.Provider>
  );
}
