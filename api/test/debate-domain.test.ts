// The pure parts of discussions: the Wilson lower bound "best" sorts by, the text key repeated text is
// recognised by, blocked words (whole words, any case, any script) and page addresses.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { blockedWordsIn, normalisePageUrl, textKey } from '../src/domain/debate-text.js';
import { wilsonLowerBound } from '../src/domain/wilson.js';

describe('wilsonLowerBound', () => {
  test('no votes is 0; all down is 0; known values (95%)', () => {
    assert.equal(wilsonLowerBound(0, 0), 0);
    assert.equal(wilsonLowerBound(0, 7), 0);
    // Reference values from Evan Miller's "How not to sort by average rating".
    assert.ok(Math.abs(wilsonLowerBound(1, 0) - 0.2065) < 1e-4);
    assert.ok(Math.abs(wilsonLowerBound(10, 0) - 0.7225) < 1e-4);
    assert.ok(Math.abs(wilsonLowerBound(50, 50) - 0.4038) < 1e-3);
  });
  test('more evidence beats a lucky start: 40 up 2 down outranks 1 up 0 down; 100 up beats 10 up', () => {
    assert.ok(wilsonLowerBound(40, 2) > wilsonLowerBound(1, 0));
    assert.ok(wilsonLowerBound(100, 0) > wilsonLowerBound(10, 0));
    assert.ok(wilsonLowerBound(5, 5) < wilsonLowerBound(9, 1));
    for (const [up, down] of [[1, 1], [3, 0], [1000, 1], [0, 1]] as const) {
      const s = wilsonLowerBound(up, down);
      assert.ok(s >= 0 && s <= 1, `${up}/${down}`);
    }
  });
});

describe('textKey', () => {
  test('trims, folds case and white space, and canonical Unicode', () => {
    assert.equal(textKey('  Slow   DOWN\n\nplease '), 'slow down please');
    assert.equal(textKey('Café'), textKey('Cafe\u0301'));
    assert.notEqual(textKey('slow down'), textKey('slow down!'));
  });
});

describe('blockedWordsIn', () => {
  test('whole words in any case; not inside another word', () => {
    assert.deepEqual(blockedWordsIn('What a Muppet you are', ['muppet']), ['muppet']);
    assert.deepEqual(blockedWordsIn('MUPPETS are fine', ['muppet']), []);
    assert.deepEqual(blockedWordsIn('Scunthorpe United', ['scunthorpe united', 'thorp']), ['scunthorpe united']);
    assert.deepEqual(blockedWordsIn('ok', []), []);
  });
  test('any script, accents and phrases across white space', () => {
    assert.deepEqual(blockedWordsIn('Sei un CRETINO!', ['cretino']), ['cretino']);
    assert.deepEqual(blockedWordsIn('هذا غبي جدا', ['غبي']), ['غبي']);
    assert.deepEqual(blockedWordsIn('Ça, c’est CONNERIE.', ['connerie']), ['connerie']);
    assert.deepEqual(blockedWordsIn('go   AWAY now', ['go away']), ['go away']);
    assert.deepEqual(blockedWordsIn('ÉCOLE', ['école']), ['école']);
  });
});

describe('normalisePageUrl', () => {
  test('origin and path only; http(s) only', () => {
    assert.deepEqual(normalisePageUrl('https://Council.Example/roads/a.html?x=1#top'), { origin: 'https://council.example', url: 'https://council.example/roads/a.html' });
    assert.deepEqual(normalisePageUrl('http://localhost:8080'), { origin: 'http://localhost:8080', url: 'http://localhost:8080/' });
    assert.equal(normalisePageUrl('javascript:alert(1)'), null);
    assert.equal(normalisePageUrl('not a url'), null);
    assert.equal(normalisePageUrl('https://user:pw@council.example/'), null);
  });
});
