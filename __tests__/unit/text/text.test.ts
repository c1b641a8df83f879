/** The ground floor for text: one wording for a duration wherever a user reads it. */
import { describe, expect, test } from '@jest/globals';
import type { ReportedEndpoint } from '../../../src/check/types.js';
import { recoveryComment } from '../../../src/incidents/text.js';
import { buildMessage } from '../../../src/notify/message.js';
import { formatDuration, formatSeconds } from '../../../src/text/duration.js';
import { sampleEvent } from '../../support/channels.js';

const OPENED = new Date('2026-12-06T10:00:00Z');

/** The outage as each sink words it: the recovery comment, a chat message, the page
 * (whose outage list formats the outage's seconds with `formatSeconds`). */
function outageWordings(seconds: number): string[] {
  const endpoint = { name: 'API', status: 'up', kind: 'tcp', responseTime: 12, maxResponseTime: 5000, failures: [] };
  const comment = recoveryComment(
    endpoint as unknown as ReportedEndpoint,
    OPENED,
    new Date(OPENED.getTime() + seconds * 1000),
    null,
  );
  const message = buildMessage(sampleEvent({ kind: 'recovered', status: 'up', downtime: seconds, error: null, failures: [] }), {
    redact: (text) => text,
    runUrl: null,
    pageUrl: null,
    timeoutMs: 1000,
  });
  return [
    /after an outage of (.*)\./.exec(comment)![1],
    message.facts.find((fact) => fact.label === 'Outage lasted')!.text,
    formatSeconds(seconds),
  ];
}

describe('durations', () => {
  test('an outage reads the same in the issue, in chat and on the page', () => {
    expect(outageWordings(90)).toEqual(['2 min', '2 min', '2 min']);
    expect(outageWordings(5400)).toEqual(['1 h 30 min', '1 h 30 min', '1 h 30 min']);
    expect(outageWordings(45)).toEqual(['45 s', '45 s', '45 s']);
  });

  test('milliseconds, seconds, minutes, hours and days as people say them', () => {
    const shown = [412, 3_400, 12_500, 45_000, 90_000, 600_000, 3_600_000, 5_400_000, 90_000_000, 3 * 86_400_000].map(
      formatDuration,
    );
    expect(shown).toEqual(['412 ms', '3.4 s', '12.5 s', '45 s', '2 min', '10 min', '1 h', '1 h 30 min', '1 d 1 h', '3 d']);
  });
});
