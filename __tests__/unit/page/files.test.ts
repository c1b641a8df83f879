/**
 * The page's files as a run writes them on the data branch (docs/status-page.md, "Many
 * endpoints"): past COMPACT_FROM endpoints, index.html lists rows and the cards are on
 * endpoints/N.html; pages of cards the run did not write are removed, as badges of endpoints
 * that are gone are.
 */
import { describe, expect, test } from '@jest/globals';
import type { FileChanges } from '../../../src/history/index.js';
import { pageFiles, pageOutput, removeStalePageFiles } from '../../../src/page/files.js';
import { CARDS_PER_PAGE, COMPACT_FROM } from '../../../src/page/index.js';
import { pageFixture } from '../../support/page-fixture.js';

describe('the page files a run writes', () => {
  test('a long page: rows on index.html, every card on the pages of cards, none of them read back', () => {
    const count = COMPACT_FROM + CARDS_PER_PAGE + 1;
    const input = pageFixture({ endpoints: count });
    const files = pageFiles(input, new Map());
    const pages = [...files.keys()].filter((path) => path.startsWith('endpoints/'));
    expect(pages).toHaveLength(Math.ceil(count / CARDS_PER_PAGE));
    for (const path of pages) expect(pageOutput(path)).toBe(true);
    const index = files.get('index.html') ?? '';
    // Every endpoint is linked from its row to the page holding its card.
    for (const endpoint of input.status.endpoints) expect(index).toContain(endpoint.name.replace(/&/g, '&amp;'));
    expect(Buffer.byteLength(index)).toBeLessThan((count * 2 * 1024 * 1024) / 1500);
  });

  test('a short page keeps every card on index.html and writes no pages of cards', () => {
    const files = pageFiles(pageFixture({ endpoints: 4 }), new Map());
    expect([...files.keys()].some((path) => path.startsWith('endpoints/'))).toBe(false);
  });

  test('pages of cards no longer written, and badges of endpoints gone, are removed', () => {
    const input = pageFixture({ endpoints: 4 });
    const changes: FileChanges = pageFiles(input, new Map());
    const kept = input.status.endpoints[0].id;
    removeStalePageFiles(
      ['endpoints/1.html', 'endpoints/7.html', `badges/${kept}/status.svg`, 'badges/gone/status.svg', 'notes.txt'],
      input.status,
      changes,
    );
    expect(changes.get('endpoints/1.html')).toBeNull();
    expect(changes.get('endpoints/7.html')).toBeNull();
    expect(changes.get('badges/gone/status.svg')).toBeNull();
    expect(changes.get(`badges/${kept}/status.svg`)).not.toBeNull();
    expect(changes.has('notes.txt')).toBe(false);
  });
});
