/** The dismissable list of notices: engine events and problems with a link or preset. */
import { dismissAllNotices, dismissNotice } from '../store/runStore';
import { useRunStore } from '../store/hooks';

const ICONS = { info: 'ℹ', warning: '⚠', error: '✖' } as const;

/** The notices list (nothing when empty). */
export function Notices() {
  const notices = useRunStore((s) => s.notices);
  if (notices.length === 0) return null;
  return (
    <div className="notices" aria-live="polite">
      {notices.map((n) => (
        <div key={n.id} className={`notice notice--${n.level}`} data-testid="notice" data-level={n.level} data-code={n.code} role={n.level === 'error' ? 'alert' : 'status'}>
          <span className="notice__icon" aria-hidden="true">
            {ICONS[n.level]}
          </span>
          <span className="notice__message">{n.message}</span>
          <button type="button" className="notice__close" aria-label="Dismiss" data-testid="notice-dismiss" onClick={() => dismissNotice(n.id)}>
            ×
          </button>
        </div>
      ))}
      {notices.length > 1 && (
        <button type="button" className="btn btn--link notices__clear" onClick={dismissAllNotices}>
          Dismiss all
        </button>
      )}
    </div>
  );
}
