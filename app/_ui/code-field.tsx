"use client";

/** A typed code from a label (tag, license number, work-order number): big, monospaced, no autocorrect. */
export function CodeField(props: {
  label: string;
  help: string;
  name: string;
  value: string;
  onChange: (value: string) => void;
  error: string | null;
  testId: string;
  errorTestId?: string;
  placeholder?: string;
}) {
  const helpId = `${props.name}-help`;
  return (
    <label className="field">
      <span>{props.label}</span>
      <input
        className="input mono big-input"
        name={props.name}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        inputMode="text"
        autoCapitalize="characters"
        autoComplete="off"
        spellCheck={false}
        placeholder={props.placeholder}
        aria-invalid={props.error !== null}
        aria-describedby={helpId}
        data-testid={props.testId}
      />
      {props.error !== null && (
        <p className="field-error" role="alert" data-testid={props.errorTestId}>
          {props.error}
        </p>
      )}
      <p className="help" id={helpId}>
        {props.help}
      </p>
    </label>
  );
}
