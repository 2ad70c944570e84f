import { useNavigate } from "react-router";
import { EntityForm } from "../components/EntityForm";

export function NewEntityScreen() {
  const navigate = useNavigate();
  return (
    <>
      <h1>New entity</h1>
      <p>It starts as a draft: the public sees it once a reviewer publishes it (or a relation that uses it).</p>
      <EntityForm onSaved={(entity) => navigate(`/entities/${entity.id}`)} />
    </>
  );
}
