import type { ComponentChildren } from 'preact';
import { CSRF_FIELD, IDEMPOTENCY_FIELD, orderedErrors, type FieldErrors, type FormValues } from './forms';
import { commonText, type Lang } from './i18n';

/**
 * Form building blocks on NL Design System (Utrecht) component CSS: a label tied to every
 * field, the description and error linked with `aria-describedby`, `aria-invalid` on a wrong
 * field, and an error summary whose links move focus to the field.
 */
export const fieldId = (name: string) => `veld-${name}`;
const errorId = (name: string) => `${fieldId(name)}-fout`;
const descriptionId = (name: string) => `${fieldId(name)}-uitleg`;
const describedBy = (name: string, error: unknown, description: unknown) =>
  [description ? descriptionId(name) : '', error ? errorId(name) : ''].filter(Boolean).join(' ') || undefined;

export interface FormProps {
  action: string;
  csrfToken: string;
  /** A fresh key per rendered form: a form sent twice (double click, reload) applies once. */
  idempotencyKey?: string;
  multipart?: boolean;
  label?: string;
  children: ComponentChildren;
}

/** `novalidate`: the server checks and explains every field, the browser's bubbles would pre-empt that. */
export function Form({ action, csrfToken, idempotencyKey, multipart, label, children }: FormProps) {
  return (
    <form class="utrecht-form kc-form" method="post" action={action} noValidate enctype={multipart ? 'multipart/form-data' : undefined} aria-label={label}>
      <input type="hidden" name={CSRF_FIELD} value={csrfToken} />
      {idempotencyKey ? <input type="hidden" name={IDEMPOTENCY_FIELD} value={idempotencyKey} /> : null}
      {children}
    </form>
  );
}

/** A button-only form (Uitloggen, Lid worden, Aanmelden, Intrekken). */
export function ActionForm({ action, csrfToken, idempotencyKey, children, hidden }: { action: string; csrfToken: string; idempotencyKey?: string; children: ComponentChildren; hidden?: Record<string, string> }) {
  return (
    <form class="kc-action-form" method="post" action={action}>
      <input type="hidden" name={CSRF_FIELD} value={csrfToken} />
      {idempotencyKey ? <input type="hidden" name={IDEMPOTENCY_FIELD} value={idempotencyKey} /> : null}
      {Object.entries(hidden ?? {}).map(([name, value]) => <input type="hidden" name={name} value={value} />)}
      {children}
    </form>
  );
}

export function ErrorSummary({ errors, order, lang }: { errors: FieldErrors; order: string[]; lang: Lang }) {
  const list = orderedErrors(errors, order);
  if (list.length === 0) return null;
  return (
    <div class="utrecht-alert utrecht-alert--error kc-error-summary" role="alert" id="foutmeldingen" tabIndex={-1}>
      <div class="utrecht-alert__content">
        <h2 class="utrecht-heading-2">{commonText(lang).errorSummaryTitle}</h2>
        <ul class="utrecht-unordered-list">
          {list.map(({ field, message }) => (
            <li class="utrecht-unordered-list__item">{field ? <a class="utrecht-link" href={`#${fieldId(field)}`}>{message}</a> : message}</li>
          ))}
        </ul>
      </div>
    </div>
  );
}

interface FieldProps {
  name: string;
  label: string;
  values?: FormValues;
  errors?: FieldErrors;
  description?: string;
  required?: boolean;
}

function FieldShell({ name, label, error, description, kind, children }: { name: string; label: string; error?: string; description?: string; kind: string; children: ComponentChildren }) {
  return (
    <div class={`utrecht-form-field utrecht-form-field--${kind}${error ? ' utrecht-form-field--invalid' : ''}`}>
      <div class="utrecht-form-field__label">
        <label class="utrecht-form-label" for={fieldId(name)}>{label}</label>
      </div>
      {description ? <div class="utrecht-form-field-description" id={descriptionId(name)}>{description}</div> : null}
      {error ? <div class="utrecht-form-field-error-message" id={errorId(name)}>{error}</div> : null}
      <div class="utrecht-form-field__input">{children}</div>
    </div>
  );
}

export interface TextFieldProps extends FieldProps {
  type?: 'text' | 'email' | 'password' | 'url' | 'number' | 'datetime-local' | 'search';
  autocomplete?: string;
  inputMode?: 'numeric' | 'text' | 'email' | 'url';
  min?: string;
  /** Keyword suggestions as you type (`data-kc-suggest…` attributes read by /assets/keyword-suggestions.js); the field works without them. */
  suggest?: SuggestAttributes;
}

/** What /assets/keyword-suggestions.js reads from a field: where to ask, and the texts in the page's language. */
export interface SuggestAttributes {
  'data-kc-suggest': string;
  'data-kc-suggest-mode': 'list' | 'single';
  'data-kc-suggest-label': string;
  'data-kc-suggest-one': string;
  /** `{n}` is the number of suggestions. */
  'data-kc-suggest-many': string;
  'data-kc-suggest-none': string;
  'data-kc-suggest-note': string;
}

export function TextField({ name, label, values, errors, description, required, type = 'text', autocomplete, inputMode, min, suggest }: TextFieldProps) {
  const error = errors?.[name];
  const inputType = type as 'text'; // preact narrows attributes per input type; these all take text attributes
  return (
    <FieldShell name={name} label={label} error={error} description={description} kind="text">
      <input
        class={`utrecht-textbox utrecht-textbox--html-input${error ? ' utrecht-textbox--invalid' : ''}`}
        id={fieldId(name)} name={name} type={inputType} value={type === 'password' ? undefined : values?.[name] ?? ''}
        required={required} aria-invalid={error ? 'true' : undefined} aria-describedby={describedBy(name, error, description)}
        autocomplete={autocomplete} inputMode={inputMode} min={min} {...suggest}
      />
    </FieldShell>
  );
}

export function TextArea({ name, label, values, errors, description, required, rows = 6 }: FieldProps & { rows?: number }) {
  const error = errors?.[name];
  return (
    <FieldShell name={name} label={label} error={error} description={description} kind="textarea">
      <textarea
        class={`utrecht-textarea utrecht-textarea--html-textarea${error ? ' utrecht-textarea--invalid' : ''}`}
        id={fieldId(name)} name={name} rows={rows} required={required}
        aria-invalid={error ? 'true' : undefined} aria-describedby={describedBy(name, error, description)}
      >{values?.[name] ?? ''}</textarea>
    </FieldShell>
  );
}

export function SelectField({ name, label, values, errors, description, required, options }: FieldProps & { options: { value: string; label: string }[] }) {
  const error = errors?.[name];
  const selected = values?.[name];
  return (
    <FieldShell name={name} label={label} error={error} description={description} kind="select">
      <select
        class={`utrecht-select utrecht-select--html-select${error ? ' utrecht-select--invalid' : ''}`}
        id={fieldId(name)} name={name} required={required}
        aria-invalid={error ? 'true' : undefined} aria-describedby={describedBy(name, error, description)}
      >
        {options.map((o) => <option value={o.value} selected={o.value === selected}>{o.label}</option>)}
      </select>
    </FieldShell>
  );
}

/** Radio buttons in a fieldset whose legend is the question; the error is linked to the first choice. */
export function RadioGroup({ name, label, values, errors, description, options }: FieldProps & { options: { value: string; label: string }[] }) {
  const error = errors?.[name];
  const selected = values?.[name];
  return (
    <fieldset class={`utrecht-form-fieldset kc-fieldset${error ? ' utrecht-form-fieldset--invalid' : ''}`} aria-describedby={describedBy(name, error, description)}>
      <legend class="utrecht-form-fieldset__legend utrecht-form-label">{label}</legend>
      {description ? <div class="utrecht-form-field-description" id={descriptionId(name)}>{description}</div> : null}
      {error ? <div class="utrecht-form-field-error-message" id={errorId(name)}>{error}</div> : null}
      {options.map((o, index) => {
        const id = index === 0 ? fieldId(name) : `${fieldId(name)}-${o.value}`;
        return (
          <div class="utrecht-form-field utrecht-form-field--radio">
            <div class="utrecht-form-field__input">
              <input class="utrecht-radio-button utrecht-radio-button--html-input" type="radio" id={id} name={name} value={o.value} checked={o.value === selected} aria-invalid={error ? 'true' : undefined} />
            </div>
            <div class="utrecht-form-field__label utrecht-form-field__label--radio">
              <label class="utrecht-form-label utrecht-form-label--radio" for={id}>{o.label}</label>
            </div>
          </div>
        );
      })}
    </fieldset>
  );
}

export function Checkbox({ name, value = 'ja', label, values, errors, description, required }: Omit<FieldProps, 'label' | 'description'> & { value?: string; label: ComponentChildren; description?: ComponentChildren }) {
  const error = errors?.[name];
  return (
    <div class={`utrecht-form-field utrecht-form-field--checkbox${error ? ' utrecht-form-field--invalid' : ''}`}>
      {error ? <div class="utrecht-form-field-error-message" id={errorId(name)}>{error}</div> : null}
      <div class="utrecht-form-field__input">
        <input
          class={`utrecht-checkbox utrecht-checkbox--html-input${error ? ' utrecht-checkbox--invalid' : ''}`} type="checkbox"
          id={fieldId(name)} name={name} value={value} checked={values?.[name] === value} required={required}
          aria-invalid={error ? 'true' : undefined} aria-describedby={describedBy(name, error, description)}
        />
      </div>
      <div class="utrecht-form-field__label utrecht-form-field__label--checkbox">
        <label class="utrecht-form-label utrecht-form-label--checkbox" for={fieldId(name)}>{label}</label>
      </div>
      {description ? <div class="utrecht-form-field-description" id={descriptionId(name)}>{description}</div> : null}
    </div>
  );
}

export function SubmitButton({ children, variant = 'primary' }: { children: ComponentChildren; variant?: 'primary' | 'secondary' | 'subtle' }) {
  return <button class={`utrecht-button utrecht-button--${variant}-action`} type="submit">{children}</button>;
}

export function ButtonLink({ href, children, variant = 'primary' }: { href: string; children: ComponentChildren; variant?: 'primary' | 'secondary' }) {
  return <a class={`utrecht-button-link utrecht-button-link--html-a utrecht-button-link--${variant}-action`} href={href}>{children}</a>;
}

/** Linked data for search engines and calendars (schema.org); `json` comes escaped from `linkedDataJson`. */
export function JsonLd({ json }: { json: string }) {
  return <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: json }} />;
}

export function Alert({ type, children }: { type: 'info' | 'ok' | 'warning' | 'error'; children: ComponentChildren }) {
  return (
    <div class={`utrecht-alert utrecht-alert--${type}`} role={type === 'error' ? 'alert' : 'status'}>
      <div class="utrecht-alert__content"><p class="utrecht-paragraph">{children}</p></div>
    </div>
  );
}

/** A table with column headers (Utrecht table), scrollable on its own on a narrow screen. */
export function DataTable({ columns, rows }: { columns: string[]; rows: ComponentChildren[][] }) {
  return (
    <div class="kc-table-wrap">
      <table class="utrecht-table kc-table-stacked">
        <thead class="utrecht-table__header">
          <tr class="utrecht-table__row">
            {columns.map((c) => <th class="utrecht-table__header-cell" scope="col">{c}</th>)}
          </tr>
        </thead>
        <tbody class="utrecht-table__body">
          {rows.map((cells) => <tr class="utrecht-table__row">{cells.map((cell, i) => <td class="utrecht-table__cell" data-label={columns[i]}>{cell}</td>)}</tr>)}
        </tbody>
      </table>
    </div>
  );
}
