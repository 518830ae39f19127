/**
 * A control for one run-level knob of RUN_PARAMS (width, lr, batch size, ...). Knobs in
 * STRUCTURAL_FIELDS rebuild the run, so they apply on release instead of on every tick.
 */
import { RUN_PARAMS, STRUCTURAL_FIELDS, type RunParamName } from '../../src/config';
import { changeConfig } from '../engine/configActions';
import { useConfigStore } from '../store/hooks';
import { ParamControl } from './ParamControl';

const isStructural = (name: RunParamName): boolean => (STRUCTURAL_FIELDS as readonly string[]).includes(name);

/** The control of run knob `name`, with data-testid `input-<name>`. */
export function RunParamControl({ name, disabled }: { name: RunParamName; disabled?: boolean }) {
  const value = useConfigStore((s) => s.config[name]);
  return (
    <ParamControl
      testId={`input-${name}`}
      spec={RUN_PARAMS[name]}
      value={value}
      deferred={isStructural(name)}
      disabled={disabled}
      onCommit={(v) => (typeof v === 'number' ? changeConfig({ [name]: v }) : [`${RUN_PARAMS[name].label} must be a number.`])}
      onCheck={(v) => (typeof v === 'number' ? changeConfig({ [name]: v }, { dryRun: true }) : [])}
    />
  );
}
