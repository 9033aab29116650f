import type { ReactNode } from 'react';
import { AlertIcon } from '../icons';

/** A field's schema message, referenced by the field's aria-describedby. */
export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p className="field-error" id={id} data-testid="field-error">
      <AlertIcon width={14} height={14} />
      <span>{message}</span>
    </p>
  );
}

/** A field's hint, referenced by the field's aria-describedby. */
export function FieldHint({ id, hint }: { id: string; hint: ReactNode }) {
  if (!hint) return null;
  return (
    <p className="hint" id={id}>
      {hint}
    </p>
  );
}
