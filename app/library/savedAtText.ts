/** When a run was made or its weights were kept, as the user's locale writes a short date and time (no seconds). */
export function savedAtText(ms: number): string {
  return new Date(ms).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'short' });
}
