import { useState } from "react";
import { Button, ComboBox, FieldError, Input, Label, ListBox, ListBoxItem, Popover } from "react-aria-components";
import { useQuery } from "urql";
import type { EntityFieldsFragment } from "../gql/graphql";
import { SearchEntitiesQuery } from "../graphql/entities";
import { KINDS, labelOf } from "./labels";

/** Type to search entities (drafts included), then choose one; a failed search says so in the list. */
export function EntityPicker({ label, onChange, error }: { label: string; onChange(id: string | null): void; error?: string }) {
  const [text, setText] = useState("");
  const query = text.trim();
  const [{ data, error: searchError }] = useQuery({ query: SearchEntitiesQuery, variables: { query, first: 10 }, pause: query.length < 2 });
  const options = query.length < 2 ? [] : (data?.search ?? []);
  return (
    <ComboBox
      className="field"
      items={options}
      inputValue={text}
      onInputChange={setText}
      onSelectionChange={(key) => onChange(key === null ? null : String(key))}
      isInvalid={!!error}
      menuTrigger="input"
      allowsEmptyCollection
    >
      <Label>{label}</Label>
      <div className="combo">
        <Input />
        <Button className="select-button" aria-label="Show matches"><span aria-hidden="true">▾</span></Button>
      </div>
      <FieldError className="field-error">{error}</FieldError>
      <Popover className="popover">
        <ListBox className="listbox" renderEmptyState={() => <p className="muted option">{query.length < 2 ? "Type two letters or more." : searchError ? `The search failed: ${searchError.message}` : "No match yet."}</p>}>
          {(entity: EntityFieldsFragment) => (
            <ListBoxItem className="option" id={entity.id} textValue={entity.name}>
              {entity.name} <span className="muted">({labelOf(KINDS, entity.kind).toLowerCase()}, {entity.status.toLowerCase()})</span>
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </ComboBox>
  );
}
