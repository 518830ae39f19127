/**
 * The offer to resume the run a closed or crashed page was training (app/library/recovery.ts):
 * its name and step, when its weights were kept, Resume and Dismiss. Nothing when there is none.
 */
import { useStore } from 'zustand';
import { dismissInterruptedRun, recoveryStore, resumeInterruptedRun } from '../library/recovery';
import { savedAtText } from '../library/savedAtText';

/** The resume bar. */
export function ResumeOffer() {
  const { offer, problem } = useStore(recoveryStore);
  if (!offer) return null;
  return (
    <div className="notice resume-offer" data-testid="resume-offer" data-step={offer.step} role="status">
      <span className="notice__icon" aria-hidden="true">
        ↺
      </span>
      <span className="notice__message">
        The run “{offer.name}” was not finished when this page was last closed. Its weights were kept at step {offer.step} ({savedAtText(offer.savedAt)}).
        {problem && (
          <span className="resume-offer__problem" data-testid="resume-problem">
            {' '}
            {problem}
          </span>
        )}
      </span>
      <span className="resume-offer__actions">
        <button type="button" className="btn btn--primary" data-testid="resume-run" onClick={() => void resumeInterruptedRun()}>
          Resume from step {offer.step}
        </button>
        <button type="button" className="btn" data-testid="resume-dismiss" onClick={() => void dismissInterruptedRun()}>
          Dismiss
        </button>
      </span>
    </div>
  );
}
