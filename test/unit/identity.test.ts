/** DOMAIN.md "Users", identity: one person cannot be created twice by changing case, encoding or look-alike forms. */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { identityKey } from '../../shared/domain/identity';
import { createTestCore, type TestCore } from '../support/core';
import { call, callFailing, setUpAdmin } from '../support/operators';

let core: TestCore;
beforeAll(async () => {
  core = await createTestCore();
  await setUpAdmin(core);
});
afterAll(async () => core.dispose());

let counter = 0;
function person(username: string, email = `p${(counter += 1)}@example.com`) {
  return { username, firstName: 'Pat', lastName: 'Doe', email };
}

/** Full-width forms of ASCII letters and digits, as typed with an East Asian input method. */
function fullWidth(text: string): string {
  return text.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
}

const VARIANTS: [string, (text: string) => string][] = [
  ['upper case', (text) => text.toUpperCase()],
  ['decomposed accents (NFD)', (text) => text.normalize('NFD')],
  ['full-width letters', fullWidth],
  ['surrounding spaces', (text) => `  ${text}\t`],
];

const LETTERS = [...'abcdefghijklmnopqrstuvwxyzäöüåéèçñßøæ'];

describe('usernames that differ only by case, normalisation or width are one identity', () => {
  test.each(VARIANTS)('%s', async (_name, variant) => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: fc.constantFrom(...LETTERS), minLength: 1, maxLength: 12 }), async (stem) => {
        const username = `${stem}${(counter += 1)}`;
        await call(core, 'users.create', person(username));
        const error = await callFailing(core, 'users.create', person(variant(username)));
        expect(error.code).toBe('conflict');
        expect(error.fields?.username).toBeTruthy();
      }),
      { numRuns: 40 },
    );
  }, 60_000);

  test.each([
    ['\u00c4rger', '\u00e4rger'],
    ['Jos\u00e9', 'Jose\u0301'],
    ['stra\u00dfe', 'STRASSE'],
    ['\ufb01nn', 'finn'],
  ])('%s and %s', async (first, second) => {
    await call(core, 'users.create', person(first));
    expect((await callFailing(core, 'users.create', person(second))).code).toBe('conflict');
  });

  test('the stored username is the NFC form of what was typed', async () => {
    const created = await call(core, 'users.create', person('Rene\u0301e'));
    expect(created.username).toBe('Ren\u00e9e');
  });

  test('emails are one identity by the same key, among users who are not deleted', async () => {
    const first = await call(core, 'users.create', person('mailer1', 'J\u00fcrgen@Example.com'));
    const error = await callFailing(core, 'users.create', person('mailer2', 'ju\u0308rgen@EXAMPLE.COM'));
    expect(error.code).toBe('conflict');
    expect(error.fields?.email).toBeTruthy();
    await call(core, 'users.delete', { userIds: [first.id] });
    await call(core, 'users.create', person('mailer3', 'ju\u0308rgen@EXAMPLE.COM'));
  });
});

describe('invisible, format and control characters are refused, naming the field and the position', () => {
  test.each([
    ['zero-width space', 'ada\u200bx', 4],
    ['zero-width joiner', '\u200dada', 1],
    ['right-to-left override', 'ad\u202ea', 3],
    ['left-to-right mark', 'ada\u200e', 4],
    ['soft hyphen', 'a\u00adda', 2],
    ['byte order mark inside', 'ad\ufeffa', 3],
    ['NUL', 'ad\u0000a', 3],
    ['no-break space', 'ad\u00a0a', 3],
  ])('a username with a %s', async (_name, username, position) => {
    const error = await callFailing(core, 'users.create', person(username));
    expect(error.code).toBe('validation');
    expect(error.fields?.username).toContain(`character ${position}`);
  });

  test.each([['\u200bann@example.com'], ['ann@exa\u00admple.com'], ['ann@example.com\u202e']])('an email %j', async (email) => {
    const error = await callFailing(core, 'users.create', person(`mail${(counter += 1)}`, email));
    expect(error.code).toBe('validation');
    expect(error.fields?.email).toMatch(/character \d+/);
  });

  test('names refuse control characters too, so nothing unprintable reaches history or the workbook', async () => {
    const error = await callFailing(core, 'users.create', { ...person('named'), firstName: 'Pa\u0007t' });
    expect(error.fields?.firstName).toContain('character 3');
  });
});

describe('identityKey', () => {
  test('is idempotent and ignores case, NFC/NFD and NFKC compatibility forms', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 20 }), (text) => {
        const key = identityKey(text);
        expect(identityKey(key)).toBe(key);
        expect(identityKey(text.normalize('NFD'))).toBe(key);
        expect(identityKey(text.normalize('NFKC'))).toBe(key);
      }),
      { numRuns: 5000 },
    );
  });

  test.each([['\u00b4'], ['\u1e9e'], ['a\u00a8'], ['\u1fed'], ['\u0130'], ['\u01c5']])('is idempotent on %j, whose compatibility form starts or ends oddly', (text) => {
    expect(identityKey(identityKey(text))).toBe(identityKey(text));
  });
});
