import { describe, expect, it } from 'vitest';
import { savedAtText } from './savedAtText';

describe('savedAtText', () => {
  it('writes the date and the time to the minute, without seconds', () => {
    const text = savedAtText(new Date(2026, 11, 2, 13, 5, 42).getTime());
    expect(text).toMatch(/05/);
    expect(text).toMatch(/26/);
    expect(text).not.toMatch(/42/);
  });
});
