import type { ReactNode } from "react";
import {
  Button,
  Checkbox,
  FieldError,
  Input,
  Label,
  ListBox,
  ListBoxItem,
  Popover,
  Select,
  SelectValue,
  Text,
  TextArea,
  TextField,
} from "react-aria-components";
import type { ApiProblem } from "../api-errors";

// Labelled form controls on React Aria Components: each error is tied to its field (aria-describedby).

interface TextProps {
  label: string;
  value: string;
  onChange(value: string): void;
  error?: string;
  description?: string;
  isRequired?: boolean;
  multiline?: boolean;
  isReadOnly?: boolean;
  type?: "text" | "password" | "url";
}

export function TextInput({ label, value, onChange, error, description, isRequired, multiline, isReadOnly, type }: TextProps) {
  return (
    <TextField className="field" value={value} onChange={onChange} isInvalid={!!error} isRequired={isRequired} isReadOnly={isReadOnly} type={type}>
      <Label>{label}{isRequired && <span aria-hidden="true"> *</span>}</Label>
      {multiline ? <TextArea rows={3} /> : <Input />}
      {description && <Text slot="description" className="description">{description}</Text>}
      <FieldError className="field-error">{error}</FieldError>
    </TextField>
  );
}

interface ChoiceProps<Value extends string> {
  label: string;
  value: NoInfer<Value> | null;
  options: readonly { id: Value; label: string }[];
  onChange(value: NoInfer<Value>): void;
  error?: string;
  isDisabled?: boolean;
  placeholder?: string;
}

export function ChoiceInput<Value extends string>({ label, value, options, onChange, error, isDisabled, placeholder }: ChoiceProps<Value>) {
  return (
    <Select
      className="field"
      selectedKey={value}
      onSelectionChange={(key) => key !== null && onChange(key as Value)}
      isInvalid={!!error}
      isDisabled={isDisabled}
      placeholder={placeholder ?? "Choose…"}
    >
      <Label>{label}</Label>
      <Button className="select-button">
        <SelectValue />
        <span aria-hidden="true">▾</span>
      </Button>
      <FieldError className="field-error">{error}</FieldError>
      <Popover className="popover">
        <ListBox className="listbox">
          {options.map((option) => (
            <ListBoxItem className="option" key={option.id} id={option.id}>
              {option.label}
            </ListBoxItem>
          ))}
        </ListBox>
      </Popover>
    </Select>
  );
}

export function CheckboxInput({ label, value, onChange }: { label: string; value: boolean; onChange(value: boolean): void }) {
  return (
    <Checkbox className="checkbox" isSelected={value} onChange={onChange}>
      <span className="checkbox-box" aria-hidden="true">{value ? "✓" : ""}</span>
      {label}
    </Checkbox>
  );
}

/** Errors that belong to no single field, announced when they appear. */
export function ProblemList({ problems }: { problems: ApiProblem[] }) {
  if (problems.length === 0) return null;
  return (
    <div role="alert" className="problems">
      {problems.map((problem, index) => (
        <p key={index}>
          {problem.message}
          {problem.code && <span className="code"> ({problem.code})</span>}
        </p>
      ))}
    </div>
  );
}

export function StatusBadge({ status }: { status: string }) {
  return <span className={`badge badge-${status.toLowerCase()}`}>{status.toLowerCase()}</span>;
}

export function Loading({ what }: { what: string }) {
  return <p role="status" className="muted">Loading {what}…</p>;
}

export function Section({ title, children, actions }: { title: string; children: ReactNode; actions?: ReactNode }) {
  return (
    <section className="card" aria-label={title}>
      <div className="card-head">
        <h2>{title}</h2>
        {actions}
      </div>
      {children}
    </section>
  );
}
