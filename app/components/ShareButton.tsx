/** Copies the link of the current setup (the URL holds the whole config). */
import { useState } from 'react';
import { writeConfigToUrl } from '../store/urlSync';

/** The share button; shows the link in a box when the clipboard is not available. */
export function ShareButton() {
  const [state, setState] = useState<'idle' | 'copied' | 'manual'>('idle');
  const share = async (): Promise<void> => {
    writeConfigToUrl();
    try {
      await navigator.clipboard.writeText(location.href);
      setState('copied');
      setTimeout(() => setState('idle'), 2000);
    } catch {
      setState('manual');
    }
  };
  return (
    <span className="share">
      <button type="button" className="btn" data-testid="btn-share" onClick={() => void share()} title="Copy a link that opens this exact setup">
        {state === 'copied' ? '✓ Link copied' : 'Share link'}
      </button>
      {state === 'manual' && (
        <input className="share__url" readOnly value={location.href} aria-label="Link to this setup" onFocus={(e) => e.target.select()} autoFocus data-testid="share-url" />
      )}
    </span>
  );
}
