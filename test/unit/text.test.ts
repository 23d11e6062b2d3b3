import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { firstFewAndMore } from '../../shared/domain/text';

describe('firstFewAndMore', () => {
  test('reads as a sentence at every length', () => {
    expect(firstFewAndMore([])).toBe('');
    expect(firstFewAndMore(['Ann'])).toBe('Ann');
    expect(firstFewAndMore(['Ann', 'Ben'])).toBe('Ann and Ben');
    expect(firstFewAndMore(['Ann', 'Ben', 'Carla'])).toBe('Ann, Ben and Carla');
    expect(firstFewAndMore(['Ann', 'Ben', 'Carla', 'Dan', 'Eve'])).toBe('Ann, Ben, Carla and 2 more');
    expect(firstFewAndMore(Array.from({ length: 1503 }, (_, i) => `U${i}`))).toBe('U0, U1, U2 and 1,500 more');
    expect(firstFewAndMore(['Ann', 'Ben'], { shown: 2, total: 5 })).toBe('Ann, Ben and 3 more');
  });

  test('names exactly the first few, in order, and counts the rest', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[A-Za-z]{1,8}$/), { maxLength: 40 }), fc.integer({ min: 1, max: 6 }), (names, shown) => {
        const text = firstFewAndMore(names, { shown });
        const named = names.slice(0, shown);
        let from = 0;
        for (const name of named) {
          const at = text.indexOf(name, from);
          expect(at).toBeGreaterThanOrEqual(from);
          from = at + name.length;
        }
        const more = names.length - named.length;
        if (more > 0) expect(text.endsWith(` and ${more.toLocaleString('en')} more`)).toBe(true);
        else expect(text).not.toMatch(/ more$/);
      }),
    );
  });
});
