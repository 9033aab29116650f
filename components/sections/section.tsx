import type { ReactNode } from 'react';

/** One card of the form: a heading, a sentence saying what it controls, and its fields. */
export function Section({ id, title, description, children }: { id: string; title: string; description?: ReactNode; children: ReactNode }) {
  return (
    <section className="section" id={id} aria-labelledby={`${id}-title`}>
      <header className="section-header">
        <h2 id={`${id}-title`}>{title}</h2>
        {description && <p className="section-description">{description}</p>}
      </header>
      <div className="section-body">{children}</div>
    </section>
  );
}
