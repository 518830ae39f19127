/** A titled card that groups controls in the left column. */
import type { ReactNode } from 'react';

/** Props of Panel. */
export interface PanelProps {
  title: string;
  /** Small text or controls on the right of the title. */
  aside?: ReactNode;
  /** One line under the title. */
  hint?: ReactNode;
  children: ReactNode;
  testId?: string;
}

/** A titled group of controls. */
export function Panel({ title, aside, hint, children, testId }: PanelProps) {
  return (
    <section className="panel" data-testid={testId}>
      <header className="panel__header">
        <h2>{title}</h2>
        {aside}
      </header>
      {hint && <p className="panel__hint">{hint}</p>}
      {children}
    </section>
  );
}
