import { execFileSync } from 'node:child_process';

/** The commit checked out at `cwd` and whether tracked files differ from it. */
export interface GitSource {
  /** Short hash of HEAD. */
  commit: string;
  /** True when tracked files have uncommitted changes. */
  dirty: boolean;
}

/** What a report was measured on, from git; null outside a git checkout (or without git). */
export function gitSource(cwd: string): GitSource | null {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd, encoding: 'utf8' }).trim() !== '';
    return { commit, dirty };
  } catch {
    return null;
  }
}
